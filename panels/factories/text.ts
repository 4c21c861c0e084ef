/** Text panels: explanations that belong next to the numbers. */
import * as text from '@grafana/grafana-foundation-sdk/text';

/** A Markdown text panel. */
export function textPanel(title: string, markdown: string): text.PanelBuilder {
  return new text.PanelBuilder().title(title).mode(text.TextMode.Markdown).content(markdown);
}

/** Text panels: explanations that belong next to the numbers. */
import * as text from '@grafana/grafana-foundation-sdk/text';

/** A Markdown text panel; the description is what the panel's info tooltip shows. */
export function textPanel(title: string, markdown: string, description: string): text.PanelBuilder {
  return new text.PanelBuilder().title(title).description(description).mode(text.TextMode.Markdown).content(markdown);
}

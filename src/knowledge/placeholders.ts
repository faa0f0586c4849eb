// Values a template leaves for someone else to fill in: an operator that renders its own manifests
// (the NVIDIA GPU operator's `image: "FILLED BY THE OPERATOR"`), a templating step that was not run
// (`${IMAGE}`, `$(IMAGE)`, `{{ .Values.image }}`), or the person who copies a sample
// (`<your-registry>/app`, `REPLACE_ME`, `{username}/trainer`). Such a value is not what runs: a
// manifest whose images are all placeholders cannot be applied as it stands.

// `FILLED BY THE OPERATOR`, `FILLED BY OPERATOR`, `FILLED_BY_THE_VALIDATOR` (all in the GPU operator's tree).
const OPERATOR_FILLED = /^FILLED[ _-]BY[ _-](THE[ _-])?[A-Z]+$/i;
const TEMPLATE = /\$\{[^}]*\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\{\{[^}]*\}\}|<[^<>]*>|\{[A-Za-z_][A-Za-z0-9_-]*\}/;
const LEFT_TO_FILL = /^(REPLACE[_-]?ME|CHANGE[_-]?ME|TODO|TBD|PLACEHOLDER|IMAGE|YOUR[_-].*)$/i;

/** A value an operator (or its validator) fills in when it renders the manifest. */
export function isOperatorFilled(value: string): boolean {
  return OPERATOR_FILLED.test(value.trim());
}

/** Any placeholder: operator-filled, an unexpanded template variable, or a value left for a person. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return isOperatorFilled(v) || TEMPLATE.test(v) || LEFT_TO_FILL.test(v);
}

// Splits an image reference `[registry[:port]/]repository[:tag][@digest]` the way Docker does: a colon
// after the last slash starts the tag, `@` starts the digest.
export interface ImageRef {
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(ref: string): ImageRef {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repository: rest, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** Stages whose base is a real image (not `scratch`, not an earlier stage, not an unresolved `$VAR`). */
export function isExternalBase(stage: { imageResolved: string; imageUnresolved: boolean; fromStage?: number }): boolean {
  return !stage.imageUnresolved && stage.fromStage === undefined && stage.imageResolved !== '' && stage.imageResolved.toLowerCase() !== 'scratch';
}

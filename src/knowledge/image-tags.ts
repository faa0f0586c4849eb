// Tags that name whatever the registry serves today rather than one build: `latest`, and the
// channel names projects move with every release (`ubuntu:rolling`, `:stable`, `:nightly`). A
// version tag such as `python:3.12-slim` moves too, but only within the line its user chose.
const FLOATING = new Set(['latest', 'rolling', 'stable', 'edge', 'nightly', 'main', 'master', 'dev', 'devel', 'develop', 'current', 'lts']);

/** No tag (which means `latest`) or a channel tag that follows every release. */
export function isFloatingTag(tag: string | undefined): boolean {
  return tag === undefined || FLOATING.has(tag.toLowerCase());
}

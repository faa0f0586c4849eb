// Version banners: `nvidia-ctk --version`, `nvidia-container-cli --version` (libnvidia-container,
// old builds print a single `version:` line) and /proc/driver/nvidia/version (the loaded module).

const SEMVER = /(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)/;

export function parseCtkVersion(text: string): string | undefined {
  const m = /version\s+v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)/i.exec(text);
  return m?.[1];
}

export interface ContainerCliVersion {
  cliVersion?: string;
  libVersion?: string;
  legacy: boolean;
}

export function parseContainerCliVersion(text: string): ContainerCliVersion {
  const cli = /^[ \t]*cli-version:\s*v?(\S+)/im.exec(text)?.[1];
  const lib = /^[ \t]*lib-version:\s*v?(\S+)/im.exec(text)?.[1];
  if (cli || lib) return { cliVersion: cli ? SEMVER.exec(cli)?.[1] ?? cli : undefined, libVersion: lib ? SEMVER.exec(lib)?.[1] ?? lib : undefined, legacy: false };
  const legacy = /^[ \t]*version:\s*v?(\S+)/im.exec(text)?.[1];
  return { cliVersion: legacy ? SEMVER.exec(legacy)?.[1] ?? legacy : undefined, legacy: true };
}

export interface DriverModuleVersion {
  version?: string;
  open: boolean;
  line?: string;
}

/** `NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.159.04  Release Build ...` */
export function parseDriverVersionFile(text: string): DriverModuleVersion {
  const line = text.split('\n').find((l) => l.startsWith('NVRM version'));
  if (!line) return { open: false };
  const version = /\s(\d{3,4}\.\d{1,4}(?:\.\d{1,4})?)\s/.exec(`${line} `)?.[1];
  return { version, open: /Open Kernel Module/i.test(line), line: line.trim() };
}

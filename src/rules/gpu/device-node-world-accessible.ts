import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

const GPU_NODE = /^\/dev\/(nvidia\d+|nvidiactl|nvidia-uvm|nvidia-uvm-tools|nvidia-modeset)$/;

const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/device-node-world-accessible',
    title: 'NVIDIA device nodes are readable and writable by every user',
    severity: 'medium',
    description:
      'The driver creates /dev/nvidia*, /dev/nvidiactl and /dev/nvidia-uvm with mode 0666 by default, so every local user and every container that can see the node can use every GPU, outside any scheduler, and can reach the driver\'s ioctl surface where most driver CVEs live. ' +
      'On a node used only through the container runtime this matters less; on a multi-user host it is the difference between "assigned GPUs" and "all GPUs".',
    remediation:
      'Restrict the nodes to a group: load the module with `NVreg_DeviceFileMode=0660 NVreg_DeviceFileGID=<gid of video>` (options nvidia in /etc/modprobe.d), add a udev rule for nvidia-uvm (it has no such parameter), and add GPU users to that group.',
    references: [REF.driverReadme, REF.nist190],
    tags: ['gpu', 'permissions', 'least-privilege'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const open = (m.devNodes ?? []).filter((n) => n.type === 'c' && GPU_NODE.test(n.path) && (n.mode & 0o006) === 0o006);
    if (!open.length) return;
    ctx.report({
      message: `${open.length} NVIDIA device node(s) are world-readable and -writable: ${open.map((n) => `${n.path} ${n.modeString} ${n.owner}:${n.group}`).join(', ')}`,
      location: { innerPath: EVIDENCE.devListing, line: open[0].line },
      evidence: open.map((n) => `${n.modeString} ${n.path}`).join('; '),
      key: 'world-rw',
      properties: { nodes: open.map((n) => n.path) },
    });
  },
};
export default rule;

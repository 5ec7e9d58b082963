// Installs the Debian packages that the tests and benchmarks drive for real (an RTSP server,
// OpenCV for the reference benchmark, sample photos and clips), so `npm test` works on a fresh
// machine. It only installs when it runs as root with apt-get; otherwise it says what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

interface Requirement {
  what: string;
  packages: string[];
  present: () => boolean;
}

function runs(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 30_000 });
  return r.status === 0;
}

const requirements: Requirement[] = [
  {
    what: 'GStreamer RTSP server (RTSP test server)',
    packages: ['python3-gi', 'gir1.2-gst-rtsp-server-1.0', 'gstreamer1.0-plugins-base', 'gstreamer1.0-plugins-good', 'gstreamer1.0-plugins-bad', 'gstreamer1.0-plugins-ugly', 'gstreamer1.0-tools'],
    present: () =>
      runs('/usr/bin/python3', ['-c', "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer"]) &&
      runs('gst-inspect-1.0', ['h264parse']) &&
      runs('gst-inspect-1.0', ['x264enc']) &&
      runs('gst-inspect-1.0', ['rtph264pay']) &&
      runs('gst-inspect-1.0', ['qtdemux']),
  },
  {
    what: 'OpenCV for Python (reference benchmark)',
    packages: ['python3-opencv'],
    present: () => runs('/usr/bin/python3', ['-c', 'import cv2, numpy']),
  },
  {
    what: 'Chromium (end-to-end tests of the dashboard)',
    packages: ['chromium'],
    present: () => existsSync('/usr/bin/chromium'),
  },
  {
    what: 'a Chinese font (the zh-CN screenshots of the end-to-end tests would show empty boxes without one)',
    packages: ['fonts-wqy-zenhei'],
    present: () => (spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout ?? '').trim() !== '',
  },
  {
    what: 'strace (the durability test checks that every commit is flushed to disk before it is reported)',
    packages: ['strace'],
    present: () => existsSync('/usr/bin/strace'),
  },
  {
    what: "Debian's ffmpeg (the first-frame tests and benchmark run with it beside the bundled one)",
    packages: ['ffmpeg'],
    present: () => existsSync('/usr/bin/ffmpeg'),
  },
  {
    what: 'PostgreSQL (the bridge writes into the platform\'s tables on a real server; .ci/run starts it)',
    packages: ['postgresql'],
    present: () => existsSync('/usr/bin/pg_ctlcluster') && existsSync('/usr/lib/postgresql'),
  },
  {
    what: 'natural sample photos and clips (OpenCV samples)',
    packages: ['opencv-doc'],
    present: () => existsSync('/usr/share/doc/opencv-doc/examples/data/vtest.avi'),
  },
];

const missing = requirements.filter((r) => !r.present());
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.flatMap((r) => r.packages))];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(`Tests need: ${missing.map((r) => r.what).join('; ')}.`);
  console.error(`Install them with: sudo apt-get install -y ${packages.join(' ')}`);
  process.exit(1);
}
console.log(`Installing test dependencies: ${packages.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
const stillMissing = requirements.filter((r) => !r.present());
if (update.status !== 0 || install.status !== 0 || stillMissing.length > 0) {
  console.error(`Could not install: ${stillMissing.map((r) => r.what).join('; ') || packages.join(' ')}`);
  process.exit(1);
}

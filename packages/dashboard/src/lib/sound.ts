/**
 * The new-message chime: two soft sine tones made with the Web Audio API — no audio file,
 * nothing fetched. Browsers refuse to start audio before a user gesture, so the
 * AudioContext is created (or resumed) on the first click / key press; until then, and
 * wherever Web Audio is missing, playing is a silent no-op. Nothing here ever throws.
 */
const MUTE_KEY = 'parley.sound.muted';

type AudioContextCtor = typeof AudioContext;
let ctx: AudioContext | null = null;
let unlockInstalled = false;

function audioContextCtor(): AudioContextCtor | null {
  if (typeof window === 'undefined') return null;
  const w = window as unknown as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor };
  return w.AudioContext ?? w.webkitAudioContext ?? null;
}

function ensureContext(): AudioContext | null {
  try {
    if (!ctx) {
      const Ctor = audioContextCtor();
      if (!Ctor) return null;
      ctx = new Ctor();
    }
    if (ctx.state === 'suspended') void ctx.resume().catch(() => {});
    return ctx;
  } catch {
    return null;
  }
}

/** Creates/resumes the AudioContext on the first user gesture (call once at start-up). */
export function installAudioUnlock(): void {
  if (unlockInstalled || typeof document === 'undefined') return;
  unlockInstalled = true;
  const unlock = () => {
    if (ensureContext()?.state === 'running') {
      document.removeEventListener('pointerdown', unlock, true);
      document.removeEventListener('keydown', unlock, true);
    }
  };
  document.addEventListener('pointerdown', unlock, true);
  document.addEventListener('keydown', unlock, true);
}

/** Plays the chime if audio is unlocked; otherwise does nothing. */
export function playChime(): void {
  try {
    // Only after a gesture created the context: never start one from a socket frame.
    if (!ctx) return;
    if (ctx.state !== 'running') {
      void ctx.resume().catch(() => {});
      return;
    }
    const t0 = ctx.currentTime + 0.01;
    const out = ctx.createGain();
    out.gain.value = 0.12;
    out.connect(ctx.destination);
    // E6 then A6 (a rising fourth), each with a quick attack and a soft exponential decay.
    for (const [freq, start] of [
      [1318.5, 0],
      [1760, 0.14],
    ] as const) {
      const osc = ctx.createOscillator();
      const env = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      env.gain.setValueAtTime(0.0001, t0 + start);
      env.gain.exponentialRampToValueAtTime(1, t0 + start + 0.015);
      env.gain.exponentialRampToValueAtTime(0.0001, t0 + start + 0.45);
      osc.connect(env).connect(out);
      osc.start(t0 + start);
      osc.stop(t0 + start + 0.5);
    }
    setTimeout(() => {
      try {
        out.disconnect();
      } catch {
        /* already gone */
      }
    }, 1000);
  } catch {
    /* audio is a nicety */
  }
}

// ---- mute preference (localStorage), observable for the top-bar toggle ----

const listeners = new Set<() => void>();
let mutedCache: boolean | null = null;

export function isSoundMuted(): boolean {
  if (mutedCache === null) {
    try {
      mutedCache = localStorage.getItem(MUTE_KEY) === '1';
    } catch {
      mutedCache = false;
    }
  }
  return mutedCache;
}

export function setSoundMuted(muted: boolean): void {
  mutedCache = muted;
  try {
    if (muted) localStorage.setItem(MUTE_KEY, '1');
    else localStorage.removeItem(MUTE_KEY);
  } catch {
    /* private mode: kept for this session */
  }
  for (const l of [...listeners]) l();
}

export function subscribeSoundMuted(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

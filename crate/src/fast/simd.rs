//! Which SIMD width the hot loops run at: chosen once at run time from what this CPU has (AVX-512,
//! AVX2 + FMA, or the portable build: SSE2 natively, SIMD128 in wasm), so one binary runs on any
//! x86-64. `GRADSCOPE_SIMD=portable|avx2|avx512` caps it for a process (benchmarks); [`set_level`]
//! for one thread (tests compare the levels side by side).

use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};

/// A family of instructions the kernels are compiled for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// The build's own target features: SSE2 on x86-64, SIMD128 in wasm; no FMA.
    Portable,
    /// AVX2 with fused multiply-add (8 f32 lanes).
    Avx2,
    /// AVX-512F with fused multiply-add (16 f32 lanes).
    Avx512,
}

/// The process's level: 0 = not chosen yet, else [`Level::code`].
static CHOSEN: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// This thread's cap, if [`set_level`] gave one.
    static THREAD_CAP: Cell<Option<Level>> = const { Cell::new(None) };
}

impl Level {
    fn code(self) -> u8 {
        match self {
            Level::Portable => 1,
            Level::Avx2 => 2,
            Level::Avx512 => 3,
        }
    }

    fn from_code(code: u8) -> Option<Level> {
        match code {
            1 => Some(Level::Portable),
            2 => Some(Level::Avx2),
            3 => Some(Level::Avx512),
            _ => None,
        }
    }

    /// Parses `portable`, `avx2` or `avx512`.
    pub fn parse(name: &str) -> Option<Level> {
        match name {
            "portable" => Some(Level::Portable),
            "avx2" => Some(Level::Avx2),
            "avx512" => Some(Level::Avx512),
            _ => None,
        }
    }

    /// The name `parse` reads.
    pub fn name(self) -> &'static str {
        match self {
            Level::Portable => "portable",
            Level::Avx2 => "avx2",
            Level::Avx512 => "avx512",
        }
    }
}

/// The widest level this CPU runs.
pub fn detected() -> Level {
    #[cfg(target_arch = "x86_64")]
    {
        if is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("fma") {
            return Level::Avx512;
        }
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
            return Level::Avx2;
        }
    }
    Level::Portable
}

/// The level the kernels use: the detected one, capped by `GRADSCOPE_SIMD` and [`set_level`].
pub fn level() -> Level {
    let process = Level::from_code(CHOSEN.load(Ordering::Relaxed)).unwrap_or_else(|| {
        let cap = std::env::var("GRADSCOPE_SIMD")
            .ok()
            .and_then(|v| Level::parse(v.trim()));
        let level = cap.map_or(detected(), |c| c.min(detected()));
        CHOSEN.store(level.code(), Ordering::Relaxed);
        level
    });
    THREAD_CAP
        .with(|c| c.get())
        .map_or(process, |c| c.min(process))
}

/// Caps the level for the calling thread (`None` lifts the cap); returns the level now in use.
pub fn set_level(cap: Option<Level>) -> Level {
    THREAD_CAP.with(|c| c.set(cap));
    level()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_the_cap_never_exceeds_the_cpu() {
        for l in [Level::Portable, Level::Avx2, Level::Avx512] {
            assert_eq!(Level::parse(l.name()), Some(l));
        }
        assert_eq!(Level::parse("sse9"), None);
        assert_eq!(set_level(Some(Level::Portable)), Level::Portable);
        assert_eq!(level(), Level::Portable);
        assert!(set_level(Some(Level::Avx512)) <= detected());
        assert!(set_level(None) <= detected());
    }
}

//! Program definitions: the values that change from one call for applications to the next
//! (NEDO round periods, …). They are data files under `programs/`, embedded in the binary.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::values::Date;

/// The embedded `programs/nedo.toml`.
pub const NEDO_SOURCE: &str = include_str!("../programs/nedo.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nedo {
    pub rounds: Vec<NedoRound>,
}

/// One 公募回 and its 所定の期間 for investments and loans.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NedoRound {
    pub number: u32,
    pub name: String,
    pub period_start: Date,
    pub period_end: Date,
}

impl Nedo {
    pub fn round(&self, number: u32) -> Option<&NedoRound> {
        self.rounds.iter().find(|r| r.number == number)
    }
}

/// All program definitions, parsed once per process.
#[derive(Debug, Clone)]
pub struct Programs {
    pub nedo: Nedo,
}

static EMBEDDED: LazyLock<Programs> = LazyLock::new(|| Programs {
    // The embedded files are checked by the unit test below, so this cannot fail at run time.
    nedo: toml::from_str(NEDO_SOURCE).expect("programs/nedo.toml is valid"),
});

impl Programs {
    pub fn embedded() -> &'static Programs {
        &EMBEDDED
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_programs_parse_and_hold_round_7() {
        let round = Programs::embedded().nedo.round(7).expect("round 7");
        assert_eq!(round.period_start.to_string(), "2024-09-05");
        assert_eq!(round.period_end.to_string(), "2025-07-31");
    }
}

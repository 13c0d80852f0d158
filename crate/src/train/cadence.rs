//! Which epochs a run scores on the validation images. Played at a pace (≤ 100 epochs a second)
//! every epoch is validated; as fast as possible (speed "max", or a step of many epochs) the
//! validation — a quarter of a full-batch epoch's work for the book's nets — is done only every
//! [`VALIDATE_EVERY`]-th epoch and at the last epoch asked for, and so are the statistics of
//! issue 13. Every record that has an accuracy (and statistics) has the exact ones of its epoch;
//! the others have none, and the charts draw the validated epochs only (saying so).

/// At full speed, the validation images are scored every this many epochs (and at the last).
pub const VALIDATE_EVERY: usize = 10;

/// Which epochs are validated (and their statistics collected).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cadence {
    /// Every epoch that is a multiple of this is validated.
    pub every: usize,
    /// This epoch and all later ones are validated (the last epoch asked for).
    pub from: usize,
    /// These epochs too (inclusive ranges): those a link's page had validated, so that its
    /// replay validates exactly them.
    pub also: Vec<(usize, usize)>,
}

impl Cadence {
    /// Every epoch validated: training at a pace, a fresh or edited net, the CLI.
    pub const ALL: Cadence = Cadence {
        every: 1,
        from: 0,
        also: Vec::new(),
    };

    /// As fast as possible up to epoch `last`: every [`VALIDATE_EVERY`]-th epoch, `last` and the
    /// epochs `also`.
    pub fn fast(last: usize, also: &[(usize, usize)]) -> Self {
        Cadence {
            every: VALIDATE_EVERY,
            from: last,
            also: also.to_vec(),
        }
    }

    /// Whether the record of `epoch` is validated.
    pub fn validates(&self, epoch: usize) -> bool {
        epoch.is_multiple_of(self.every.max(1))
            || epoch >= self.from
            || self.also.iter().any(|&(a, b)| (a..=b).contains(&epoch))
    }
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence::ALL
    }
}

//! [`IdIndex`]: which message ids have a report line, in bounded memory per id.

use std::collections::hash_map::RandomState;
use std::collections::HashSet;
use std::hash::BuildHasher;

/// A set of message ids, each kept as a 128-bit keyed fingerprint (two SipHash keys drawn at
/// random per process): 16 bytes an id whatever its length, with odds of a false "seen" of
/// about n²/2¹²⁹.
pub struct IdIndex {
    keys: (RandomState, RandomState),
    seen: HashSet<u128>,
}

impl Default for IdIndex {
    fn default() -> Self {
        Self {
            keys: (RandomState::new(), RandomState::new()),
            seen: HashSet::new(),
        }
    }
}

impl std::fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdIndex")
            .field("len", &self.seen.len())
            .finish()
    }
}

impl IdIndex {
    fn fingerprint(&self, id: &str) -> u128 {
        (u128::from(self.keys.0.hash_one(id)) << 64) | u128::from(self.keys.1.hash_one(id))
    }

    /// Adds an id.
    pub fn insert(&mut self, id: &str) {
        let fp = self.fingerprint(id);
        self.seen.insert(fp);
    }

    /// Whether the id was added.
    pub fn contains(&self, id: &str) -> bool {
        self.seen.contains(&self.fingerprint(id))
    }

    /// How many ids.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

/// The `messageId` of one report line (a whole JSON object), if it has one.
pub(crate) fn message_id_of(line: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Id {
        #[serde(rename = "messageId")]
        message_id: String,
    }
    serde_json::from_slice::<Id>(line)
        .ok()
        .map(|i| i.message_id)
}

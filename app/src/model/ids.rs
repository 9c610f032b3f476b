//! Typed ids, so a case id can never be passed where a practitioner id belongs.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($name:ident) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    };
}

id_type!(CaseId);
id_type!(PractitionerId);
id_type!(OfficeId);
id_type!(ServiceId);
id_type!(ExplanationId);
id_type!(HandoverId);
id_type!(CheckInId);
id_type!(RequestId);
id_type!(GoalId);
id_type!(AchievementId);

//! The seed reports, compiled in, so that a knowledge base of real reports
//! can be built from any folder: the default of the `ikb` command and of
//! the query example ([`Kb::seeded`](crate::Kb::seeded)).

/// The seven seed reports the crate carries, compiled in: file name and
/// text. [`Kb::seeded`](crate::Kb::seeded) is a knowledge base of them.
pub const SEED_REPORTS: [(&str, &str); 7] = [
    (
        "bradford-2023-ilacs.txt",
        include_str!("../seeds/bradford-2023-ilacs.txt"),
    ),
    (
        "kingston-upon-thames-2015-sif.txt",
        include_str!("../seeds/kingston-upon-thames-2015-sif.txt"),
    ),
    (
        "kingston-upon-thames-2019-ilacs.txt",
        include_str!("../seeds/kingston-upon-thames-2019-ilacs.txt"),
    ),
    (
        "leeds-2015-sif.txt",
        include_str!("../seeds/leeds-2015-sif.txt"),
    ),
    (
        "north-northamptonshire-2026-ilacs.txt",
        include_str!("../seeds/north-northamptonshire-2026-ilacs.txt"),
    ),
    (
        "rotherham-2014-sif.txt",
        include_str!("../seeds/rotherham-2014-sif.txt"),
    ),
    (
        "slough-2023-ilacs.txt",
        include_str!("../seeds/slough-2023-ilacs.txt"),
    ),
];

//! The public ledger of a round: budget, what the vote allocated, what delivery spent, and
//! what is left. Built in one place so the sums cannot disagree with each other.

use super::lifecycle::ProposalState;
use super::money::Fen;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerLine {
    pub proposal: i64,
    pub title: String,
    pub state: ProposalState,
    pub provider: Option<String>,
    /// The reviewed cost the vote funded.
    pub allocated: Fen,
    pub spent: Fen,
    pub percent: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    pub round_title: String,
    pub budget: Fen,
    pub allocated: Fen,
    /// Budget the vote left unallocated.
    pub remaining: Fen,
    pub spent: Fen,
    /// Allocated but not (yet) spent.
    pub unspent: Fen,
    pub lines: Vec<LedgerLine>,
}

impl Ledger {
    /// Totals from the lines. Spending is capped at each line's allocation when it is
    /// recorded, and the tally never allocates past the budget, so nothing here goes negative.
    pub fn new(round_title: String, budget: Fen, lines: Vec<LedgerLine>) -> Ledger {
        let allocated: Fen = lines.iter().map(|l| l.allocated).sum();
        let spent: Fen = lines.iter().map(|l| l.spent).sum();
        Ledger {
            round_title,
            budget,
            allocated,
            remaining: budget.checked_sub(allocated).unwrap_or(Fen::ZERO),
            spent,
            unspent: allocated.checked_sub(spent).unwrap_or(Fen::ZERO),
            lines,
        }
    }

    /// The ledger's own check: budget = allocated + remaining, allocated = spent + unspent.
    pub fn adds_up(&self) -> bool {
        self.allocated + self.remaining == self.budget
            && self.spent + self.unspent == self.allocated
            && self.lines.iter().all(|l| l.spent <= l.allocated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(id: i64, allocated: i64, spent: i64) -> LedgerLine {
        LedgerLine {
            proposal: id,
            title: format!("p{id}"),
            state: ProposalState::InProgress,
            provider: None,
            allocated: Fen(allocated),
            spent: Fen(spent),
            percent: 0,
        }
    }

    #[test]
    fn totals_are_the_sums_of_the_lines() {
        let ledger =
            Ledger::new("r".into(), Fen::yuan(50_000), vec![line(1, 2_000_000, 500_000), line(2, 1_000_000, 0)]);
        assert_eq!(ledger.allocated, Fen::yuan(30_000));
        assert_eq!(ledger.remaining, Fen::yuan(20_000));
        assert_eq!(ledger.spent, Fen::yuan(5_000));
        assert_eq!(ledger.unspent, Fen::yuan(25_000));
        assert!(ledger.adds_up());
    }

    #[test]
    fn a_round_with_nothing_selected_keeps_its_whole_budget() {
        let ledger = Ledger::new("r".into(), Fen::yuan(100), vec![]);
        assert_eq!((ledger.allocated, ledger.remaining, ledger.spent), (Fen::ZERO, Fen::yuan(100), Fen::ZERO));
        assert!(ledger.adds_up());
    }

    proptest! {
        #[test]
        fn any_funded_round_adds_up(costs in proptest::collection::vec((1i64..5_000_000, 0u8..=100), 0..20)) {
            let lines: Vec<LedgerLine> = costs
                .iter()
                .enumerate()
                .map(|(i, (cost, pct))| line(i as i64, *cost, cost * *pct as i64 / 100))
                .collect();
            let budget = Fen(lines.iter().map(|l| l.allocated.0).sum::<i64>() + 12_345);
            let ledger = Ledger::new("r".into(), budget, lines);
            prop_assert!(ledger.adds_up());
            prop_assert_eq!(ledger.remaining, Fen(12_345));
        }
    }
}

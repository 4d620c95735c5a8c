//! Counting a funding round's ballots and choosing the winners.
//!
//! The rule, as residents are told it: projects are taken in order of votes (online and
//! paper together); a project whose reviewed cost no longer fits the money left is skipped
//! and the next one is tried, so smaller projects further down can still be funded. Ties in
//! votes go to the cheaper project (more of the fund reaches residents' choices), then to the
//! proposal submitted first. A project with no votes is never selected.

use super::money::Fen;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A project on the ballot with its reviewed cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnBallot {
    pub proposal: i64,
    pub cost: Fen,
}

/// One resident's ballot (or one paper ballot entered by staff).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    pub picks: Vec<i64>,
    pub paper: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Votes {
    pub online: u64,
    pub paper: u64,
}

impl Votes {
    pub fn total(self) -> u64 {
        self.online + self.paper
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyLine {
    pub proposal: i64,
    pub cost: Fen,
    pub votes: Votes,
    pub selected: bool,
    /// It had votes enough but the money left did not cover it.
    pub skipped_for_budget: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Result {
    /// In the order the rule considered them.
    pub lines: Vec<TallyLine>,
    pub allocated: Fen,
    pub remaining: Fen,
}

/// Why a ballot cannot be cast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotProblem {
    Empty,
    NotOnBallot,
    Duplicate,
    OverBudget { total: Fen },
}

/// Checks one ballot against the projects on it and the budget; gives its total cost.
pub fn check(picks: &[i64], on_ballot: &[OnBallot], budget: Fen) -> std::result::Result<Fen, BallotProblem> {
    if picks.is_empty() {
        return Err(BallotProblem::Empty);
    }
    let mut seen = BTreeSet::new();
    let mut total = Fen::ZERO;
    for pick in picks {
        if !seen.insert(*pick) {
            return Err(BallotProblem::Duplicate);
        }
        let project = on_ballot.iter().find(|p| p.proposal == *pick).ok_or(BallotProblem::NotOnBallot)?;
        total = total + project.cost;
    }
    if total > budget {
        return Err(BallotProblem::OverBudget { total });
    }
    Ok(total)
}

pub fn count(ballots: &[Ballot]) -> BTreeMap<i64, Votes> {
    let mut votes: BTreeMap<i64, Votes> = BTreeMap::new();
    for ballot in ballots {
        for pick in ballot.picks.iter().collect::<BTreeSet<_>>() {
            let v = votes.entry(*pick).or_default();
            if ballot.paper {
                v.paper += 1;
            } else {
                v.online += 1;
            }
        }
    }
    votes
}

pub fn allocate(budget: Fen, on_ballot: &[OnBallot], ballots: &[Ballot]) -> Result {
    let votes = count(ballots);
    let mut order: Vec<(OnBallot, Votes)> =
        on_ballot.iter().map(|p| (*p, votes.get(&p.proposal).copied().unwrap_or_default())).collect();
    order.sort_by(|(a, va), (b, vb)| {
        vb.total().cmp(&va.total()).then(a.cost.cmp(&b.cost)).then(a.proposal.cmp(&b.proposal))
    });
    let mut remaining = budget;
    let lines = order
        .into_iter()
        .map(|(p, v)| {
            let fits = p.cost <= remaining;
            let selected = v.total() > 0 && fits;
            if selected {
                remaining = remaining - p.cost;
            }
            TallyLine {
                proposal: p.proposal,
                cost: p.cost,
                votes: v,
                selected,
                skipped_for_budget: v.total() > 0 && !fits,
            }
        })
        .collect();
    Result { lines, allocated: budget - remaining, remaining }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn project(proposal: i64, yuan: i64) -> OnBallot {
        OnBallot { proposal, cost: Fen::yuan(yuan) }
    }

    fn online(picks: &[i64]) -> Ballot {
        Ballot { picks: picks.to_vec(), paper: false }
    }

    fn selected(r: &Result) -> Vec<i64> {
        r.lines.iter().filter(|l| l.selected).map(|l| l.proposal).collect()
    }

    #[test]
    fn most_votes_win_while_money_lasts() {
        let on = [project(1, 40_000), project(2, 30_000), project(3, 20_000)];
        let ballots = [online(&[1, 2]), online(&[1, 2]), online(&[2, 3]), online(&[1])];
        let r = allocate(Fen::yuan(70_000), &on, &ballots);
        assert_eq!(selected(&r), vec![2, 1], "3 votes each: the cheaper first");
        assert_eq!(r.allocated, Fen::yuan(70_000));
        assert_eq!(r.remaining, Fen::ZERO, "a budget exactly used up");
    }

    #[test]
    fn a_project_larger_than_the_money_left_is_skipped_and_the_next_fits() {
        let on = [project(1, 60_000), project(2, 50_000), project(3, 30_000)];
        let ballots = [online(&[1, 2, 3]), online(&[1, 2]), online(&[1])];
        let r = allocate(Fen::yuan(100_000), &on, &ballots);
        assert_eq!(selected(&r), vec![1, 3]);
        let skipped: Vec<i64> = r.lines.iter().filter(|l| l.skipped_for_budget).map(|l| l.proposal).collect();
        assert_eq!(skipped, vec![2]);
        assert_eq!(r.remaining, Fen::yuan(10_000));
    }

    #[test]
    fn ties_go_to_the_cheaper_project_then_the_earlier_one() {
        let on = [project(5, 30_000), project(4, 20_000), project(3, 20_000)];
        let ballots = [online(&[5, 4, 3])];
        let r = allocate(Fen::yuan(40_000), &on, &ballots);
        assert_eq!(r.lines.iter().map(|l| l.proposal).collect::<Vec<_>>(), vec![3, 4, 5]);
        assert_eq!(selected(&r), vec![3, 4]);
    }

    #[test]
    fn paper_ballots_count_like_online_ones_and_are_shown_apart() {
        let on = [project(1, 10_000), project(2, 10_000)];
        let ballots = [online(&[1]), Ballot { picks: vec![2], paper: true }, Ballot { picks: vec![2], paper: true }];
        let r = allocate(Fen::yuan(10_000), &on, &ballots);
        assert_eq!(selected(&r), vec![2]);
        assert_eq!(r.lines[0].votes, Votes { online: 0, paper: 2 });
    }

    #[test]
    fn a_project_nobody_voted_for_is_not_selected() {
        let r = allocate(Fen::yuan(100_000), &[project(1, 1_000), project(2, 1_000)], &[online(&[1])]);
        assert_eq!(selected(&r), vec![1]);
        assert!(!r.lines[1].skipped_for_budget);
    }

    #[test]
    fn ballots_over_budget_or_malformed_are_refused() {
        let on = [project(1, 60_000), project(2, 50_000)];
        assert_eq!(check(&[1], &on, Fen::yuan(100_000)), Ok(Fen::yuan(60_000)));
        assert_eq!(
            check(&[1, 2], &on, Fen::yuan(100_000)),
            Err(BallotProblem::OverBudget { total: Fen::yuan(110_000) })
        );
        assert_eq!(check(&[], &on, Fen::yuan(100_000)), Err(BallotProblem::Empty));
        assert_eq!(check(&[1, 1], &on, Fen::yuan(200_000)), Err(BallotProblem::Duplicate));
        assert_eq!(check(&[9], &on, Fen::yuan(200_000)), Err(BallotProblem::NotOnBallot));
    }

    proptest! {
        #[test]
        fn allocation_never_exceeds_the_budget_and_adds_up(
            budget in 0i64..5_000_000,
            costs in prop::collection::vec(1i64..2_000_000, 0..12),
            ballots in prop::collection::vec((prop::collection::vec(0usize..12, 0..6), any::<bool>()), 0..40),
        ) {
            let on: Vec<OnBallot> = costs.iter().enumerate().map(|(i, c)| OnBallot { proposal: i as i64, cost: Fen(*c) }).collect();
            let ballots: Vec<Ballot> = ballots
                .into_iter()
                .map(|(picks, paper)| Ballot { picks: picks.into_iter().filter(|p| *p < on.len()).map(|p| p as i64).collect(), paper })
                .collect();
            let r = allocate(Fen(budget), &on, &ballots);
            let spent: Fen = r.lines.iter().filter(|l| l.selected).map(|l| l.cost).sum();
            prop_assert!(spent <= Fen(budget));
            prop_assert_eq!(spent, r.allocated);
            prop_assert_eq!(r.allocated + r.remaining, Fen(budget));
            // Greedy is maximal: every unselected project with votes did not fit what was left.
            for line in r.lines.iter().filter(|l| l.skipped_for_budget) {
                prop_assert!(line.cost > r.remaining);
            }
        }
    }
}

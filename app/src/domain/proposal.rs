//! What a resident writes into a micro-project proposal, checked at the boundary.

use super::text::{char_len, clean};
use crate::i18n::Key;

/// A trimmed text of `min..=max` characters; line breaks only where `lines` is true, no
/// other control characters.
macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, $min:literal..=$max:literal, lines: $lines:literal, $key:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub fn parse(raw: &str) -> Result<$name, Key> {
                let text = clean(raw);
                if text.is_empty() {
                    return Err(Key::FieldRequired);
                }
                let allowed = |c: char| !c.is_control() || ($lines && c == '\n');
                if !($min..=$max).contains(&char_len(&text)) || !text.chars().all(allowed) {
                    return Err($key);
                }
                Ok($name(text))
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }
    };
}

bounded_text!(
    /// The proposal's name on the ballot.
    ProposalTitle, 4..=60, lines: false, Key::FieldProposalTitle
);
bounded_text!(
    /// What should be done and why.
    ProposalDescription, 20..=2000, lines: true, Key::FieldProposalDescription
);
bounded_text!(
    /// Where in the community ("3 栋门前空地").
    ProjectLocation, 2..=100, lines: false, Key::FieldProjectLocation
);
bounded_text!(
    /// Who benefits ("楼里的老人，约 60 人").
    Beneficiaries, 2..=100, lines: false, Key::FieldBeneficiaries
);
bounded_text!(
    /// A comment in a proposal's deliberation or the forum.
    CommentBody, 2..=1000, lines: true, Key::FieldCommentBody
);
bounded_text!(
    /// A forum topic's title.
    TopicTitle, 4..=60, lines: false, Key::FieldTopicTitle
);
bounded_text!(
    /// The company or group delivering a selected project.
    ProviderName, 2..=60, lines: false, Key::FieldProviderName
);
bounded_text!(
    /// A step of delivery ("材料进场").
    MilestoneTitle, 2..=60, lines: false, Key::FieldMilestoneTitle
);
bounded_text!(
    /// What a progress update says was done.
    UpdateNote, 2..=500, lines: true, Key::FieldUpdateNote
);
bounded_text!(
    /// What a resident needs from a service ("周三上午需要陪同去医院复诊").
    ServiceDetails, 5..=500, lines: true, Key::FieldServiceDetails
);
bounded_text!(
    /// A service project's name.
    ServiceName, 2..=40, lines: false, Key::FieldServiceName
);
bounded_text!(
    /// What a service project offers and to whom.
    ServiceSummary, 10..=500, lines: true, Key::FieldServiceSummary
);
bounded_text!(
    /// An announcement's headline.
    AnnouncementTitle, 4..=60, lines: false, Key::FieldAnnouncementTitle
);
bounded_text!(
    /// An announcement's text.
    AnnouncementBody, 10..=5000, lines: true, Key::FieldAnnouncementBody
);
bounded_text!(
    /// A social organisation's name ("夕阳红合唱团").
    OrgName, 2..=40, lines: false, Key::FieldOrgName
);
bounded_text!(
    /// What an organisation does, when it meets, who may join.
    OrgPurpose, 10..=1000, lines: true, Key::FieldOrgPurpose
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposal_texts_are_bounded() {
        assert_eq!(ProposalTitle::parse("  加装楼道扶手 ").unwrap().into_inner(), "加装楼道扶手");
        assert_eq!(ProposalTitle::parse("扶手"), Err(Key::FieldProposalTitle));
        assert_eq!(ProposalTitle::parse("一行\n两行"), Err(Key::FieldProposalTitle));
        assert_eq!(ProposalTitle::parse(""), Err(Key::FieldRequired));
        assert!(ProposalDescription::parse(&"为老人在楼道加装扶手，方便上下楼。\n第二段。".repeat(2)).is_ok());
        assert_eq!(ProposalDescription::parse("太短了"), Err(Key::FieldProposalDescription));
        assert_eq!(ProjectLocation::parse(&"地".repeat(101)), Err(Key::FieldProjectLocation));
        assert_eq!(Beneficiaries::parse("老人\u{7}"), Err(Key::FieldBeneficiaries));
        assert_eq!(CommentBody::parse("好"), Err(Key::FieldCommentBody));
        assert!(CommentBody::parse("支持！\n楼道太暗了").is_ok());
        assert_eq!(ProviderName::parse(&"公".repeat(61)), Err(Key::FieldProviderName));
        assert_eq!(MilestoneTitle::parse("进场\n完工"), Err(Key::FieldMilestoneTitle));
        assert_eq!(UpdateNote::parse(" "), Err(Key::FieldRequired));
    }
}

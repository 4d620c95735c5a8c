//! Validated values. Each type has one constructor, `parse`, and nothing deeper in the app
//! ever sees raw input.

mod contact;
mod proposal;
mod text;

pub use contact::{ContactPoint, mask_contact};
pub use proposal::{
    AnnouncementBody, AnnouncementTitle, Beneficiaries, CommentBody, MilestoneTitle, OrgName, OrgPurpose,
    ProjectLocation, ProposalDescription, ProposalTitle, ProviderName, ServiceDetails, ServiceName, ServiceSummary,
    TopicTitle, UpdateNote,
};
pub use text::{
    AlertText, DisplayName, HelpDescription, IdempotencyKey, Password, PlaceName, Reason, RoomNumber, ShortNote,
    parse_minutes, parse_rating,
};

use crate::i18n::Key;
use serde::{Deserialize, Serialize};

/// A problem with one form field, named as the form names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub key: Key,
}

impl FieldError {
    pub fn new(field: &str, key: Key) -> Self {
        FieldError { field: field.to_owned(), key }
    }
}

/// Collects field errors so a form reports every problem at once, not one per submit.
#[derive(Debug, Default)]
pub struct Checks(Vec<FieldError>);

impl Checks {
    pub fn field<T>(&mut self, name: &str, result: Result<T, Key>) -> Option<T> {
        result.map_err(|key| self.0.push(FieldError::new(name, key))).ok()
    }

    pub fn fail(&mut self, name: &str, key: Key) {
        self.0.push(FieldError::new(name, key));
    }

    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() { Ok(()) } else { Err(self.0) }
    }
}

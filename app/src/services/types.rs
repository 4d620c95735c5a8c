//! What the service pages show, as sent from the server.

use super::{ServiceAction, ServiceQuarter, ServiceRequestState};
use serde::{Deserialize, Serialize};

/// A service project in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceCard {
    pub id: i64,
    pub name: String,
    pub summary: String,
    pub active: bool,
}

/// One of my requests, as I track it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyServiceRequest {
    pub id: i64,
    pub service_id: i64,
    pub service_name: String,
    pub details: String,
    pub state: ServiceRequestState,
    pub submitted: String,
    pub updated: String,
    pub decline_reason: Option<String>,
    pub rating: Option<u8>,
    pub rating_comment: Option<String>,
    pub can_rate: bool,
    pub can_withdraw: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceCatalogue {
    pub services: Vec<ServiceCard>,
    pub mine: Vec<MyServiceRequest>,
    /// Staff may add and edit service projects.
    pub can_edit: bool,
}

/// One service project, with what a staff member edits (both languages) when allowed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceDetail {
    pub card: ServiceCard,
    pub mine: Vec<MyServiceRequest>,
    pub can_request: bool,
    pub editable: Option<ServiceTexts>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceTexts {
    pub name_zh: String,
    pub name_en: String,
    pub summary_zh: String,
    pub summary_en: String,
}

/// A request in the service centre's queue. The phone is there because staff may call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceQueueItem {
    pub id: i64,
    pub service_name: String,
    pub requester: String,
    pub phone: String,
    pub details: String,
    pub state: ServiceRequestState,
    pub submitted: String,
    pub actions: Vec<ServiceAction>,
    pub rating: Option<u8>,
}

pub type ServiceQueue = crate::model::Listing<ServiceQueueItem>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupervisionPage {
    pub quarter: String,
    /// The quarters one can pick, newest first.
    pub quarters: Vec<String>,
    pub lines: Vec<ServiceQuarter>,
}

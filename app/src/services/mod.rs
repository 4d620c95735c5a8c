//! Community services 社区综合服务平台 (DOMAIN.md §3): the service centre's service projects,
//! residents' requests through their lifecycle, and the committee's supervision of ratings.
//! The rules live here, free of storage.

pub mod lifecycle;
pub mod supervision;
pub mod types;

pub use lifecycle::{ServiceAction, ServiceRequestState, ServiceRole, transition};
pub use supervision::{Quarter, Rated, ServiceQuarter, supervise};
pub use types::{
    MyServiceRequest, ServiceCard, ServiceCatalogue, ServiceDetail, ServiceQueue, ServiceQueueItem, ServiceTexts,
    SupervisionPage,
};

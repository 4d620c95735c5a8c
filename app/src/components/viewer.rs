//! The signed-in person, loaded once per page load and shared by the shell and the pages.

use crate::api::accounts::current_viewer;
use crate::error::AppResult;
use crate::model::Viewer;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct ViewerResource(pub Resource<AppResult<Option<Viewer>>>);

pub fn provide_viewer() {
    provide_context(ViewerResource(Resource::new(|| (), |_| current_viewer())));
}

pub fn use_viewer() -> Resource<AppResult<Option<Viewer>>> {
    expect_context::<ViewerResource>().0
}

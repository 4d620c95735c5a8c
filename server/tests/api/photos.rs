use crate::ballots::{RESIDENTS, three_feasible};
use crate::helpers::{Client, TestApp};
use crate::on_both_backends;
use app::projects::ProjectsHome;
use app::ssr::db::entities::photo;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// A 2400×1200 JPEG carrying an EXIF block with a location we must not keep.
fn phone_photo() -> Vec<u8> {
    let image = image::RgbImage::from_fn(2400, 1200, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut jpeg = vec![];
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 70).encode_image(&image).unwrap();
    // APP1 "Exif": a little-endian TIFF with one IFD entry (orientation 1), then the secret.
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x01\0\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(b"GPS 22.4822N 113.9186E secret-home");
    let len = (exif.len() + 2) as u16;
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// Posts the upload form as a browser would; answers where the server sends the person.
async fn upload(client: &Client, proposal: i64, bytes: Vec<u8>) -> String {
    let part = reqwest::multipart::Part::bytes(bytes).file_name("IMG_0001.jpg").mime_str("image/jpeg").unwrap();
    let form = reqwest::multipart::Form::new().text("proposal", proposal.to_string()).part("photo", part);
    let response = client.http.post(format!("{}/photos", client.base)).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn draft(app: &TestApp, author: &Client) -> i64 {
    let form = [
        ("proposal[title]", "儿童游乐区加装遮阳棚"),
        ("proposal[description]", "夏天游乐区太晒，孩子们中午没法玩，建议加装遮阳棚。"),
        ("proposal[category]", "works"),
        ("proposal[location]", "中心花园"),
        ("proposal[estimated_cost]", "15000"),
        ("proposal[beneficiaries]", "小区儿童和家长"),
    ];
    author.call("projects/draft", &form).await;
    let home: ProjectsHome = author.call("projects/home", &[]).await.json();
    let _ = app;
    home.proposals.iter().find(|p| p.title == "儿童游乐区加装遮阳棚").unwrap().id
}

async fn stored(app: &TestApp, proposal: i64) -> Vec<photo::Model> {
    photo::Entity::find()
        .filter(photo::Column::SubjectKind.eq("proposal"))
        .filter(photo::Column::SubjectId.eq(proposal))
        .all(&app.state.db)
        .await
        .unwrap()
}

on_both_backends! {
    async fn a_photo_is_re_encoded_without_its_location_and_shown_only_to_those_who_may_see_it(app) {
        three_feasible(&app).await;
        let author = app.signed_in(RESIDENTS[0]).await;
        let id = draft(&app, &author).await;
        assert_eq!(upload(&author, id, phone_photo()).await, format!("/projects/{id}?photo=added"));

        let rows = stored(&app, id).await;
        assert_eq!(rows.len(), 1);
        let bytes = &rows[0].bytes;
        assert_eq!(&bytes[..2], &[0xFF, 0xD8], "a JPEG");
        let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        assert!(!has(b"Exif") && !has(b"secret-home") && !has(b"GPS"), "metadata is gone");
        assert_eq!((rows[0].width, rows[0].height), (1600, 800), "scaled to the longest edge");

        let path = format!("/photos/{}", rows[0].id);
        let fetch = |client: &Client| {
            let url = format!("{}{path}", client.base);
            let http = client.http.clone();
            async move { http.get(url).send().await.unwrap() }
        };
        let mine = fetch(&author).await;
        assert_eq!(mine.status(), StatusCode::OK);
        assert_eq!(mine.headers()["content-type"], "image/jpeg");
        let neighbour = app.signed_in(RESIDENTS[1]).await;
        assert_eq!(fetch(&neighbour).await.status(), StatusCode::NOT_FOUND, "a draft is its author's");
        assert_eq!(fetch(&app.client()).await.status(), StatusCode::UNAUTHORIZED);

        author.call("projects/act", &[("id", &id.to_string()), ("action", "Submit")]).await.assert_ok();
        assert_eq!(fetch(&neighbour).await.status(), StatusCode::OK, "public once submitted");
    }

    async fn only_the_author_adds_photos_while_editing_is_open_and_at_most_four(app) {
        three_feasible(&app).await;
        let author = app.signed_in(RESIDENTS[0]).await;
        let id = draft(&app, &author).await;
        let neighbour = app.signed_in(RESIDENTS[1]).await;
        assert_eq!(upload(&neighbour, id, phone_photo()).await, format!("/projects/{id}?photo=ErrNotFound"));
        assert_eq!(upload(&author, id, b"<svg onload=alert(1)>".to_vec()).await, format!("/projects/{id}?photo=FieldPhotoFormat"));
        assert_eq!(upload(&author, id, vec![]).await, format!("/projects/{id}?photo=FieldPhotoMissing"));
        for _ in 0..4 {
            assert!(upload(&author, id, phone_photo()).await.ends_with("photo=added"));
        }
        assert_eq!(upload(&author, id, phone_photo()).await, format!("/projects/{id}?photo=FieldPhotoCount"));

        // After the first support, the proposal is what people signed up for.
        let text = id.to_string();
        author.call("projects/act", &[("id", &text), ("action", "Submit")]).await.assert_ok();
        let photo = stored(&app, id).await[0].id.to_string();
        neighbour.call("projects/act", &[("id", &text), ("action", "Support")]).await.assert_ok();
        assert_eq!(upload(&author, id, phone_photo()).await, format!("/projects/{id}?photo=ErrForbidden"));
        assert_eq!(author.call("projects/remove-photo", &[("photo", &photo)]).await.error(), app::error::AppError::Forbidden);
        assert_eq!(stored(&app, id).await.len(), 4);
    }
}

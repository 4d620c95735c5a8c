#![allow(dead_code)] // Shared with the benchmarks: each side uses part of it.
//! A local push service for the tests, strict like the real ones: it checks the VAPID JWT
//! (ES256 signature, audience, subject, expiry) and the key it names, decrypts the RFC 8291
//! payload with the subscription's private key, and answers what the test scripted.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ece::EcKeyComponents;
use jwt_simple::prelude::*;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// What the receiver answers to the next message for a device.
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    Created,
    NotFound,
    Gone,
    TooMany {
        retry_after: u64,
    },
    ServerError,
    /// Any other status, e.g. 400 or 413.
    Status(u16),
}

#[derive(Debug, Clone)]
pub struct Received {
    pub payload: serde_json::Value,
    pub raw: String,
    pub ttl: u32,
    pub urgency: String,
    /// The VAPID public key the message was signed with.
    pub key: String,
    /// When it was decrypted here (the benchmarks' post → push latency).
    pub at: Instant,
}

/// What a browser would send to the server after subscribing.
pub struct DeviceKeys {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

struct Device {
    components: EcKeyComponents,
    auth: Vec<u8>,
    script: VecDeque<Answer>,
    received: Vec<Received>,
    requests: u32,
}

#[derive(Clone)]
pub struct PushReceiver {
    pub origin: String,
    devices: Arc<Mutex<HashMap<String, Device>>>,
    /// Messages decrypted, over all devices.
    delivered: Arc<AtomicUsize>,
    /// VAPID headers already verified, with their expiry: like a real push service, the
    /// signature of a token the sender reuses is checked once (ES256 verification would
    /// otherwise cost the benchmark's receiver more than the sender's encryption).
    verified: Arc<Mutex<HashMap<String, Duration>>>,
}

impl PushReceiver {
    pub async fn start() -> PushReceiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let receiver =
            PushReceiver { origin, devices: Arc::default(), delivered: Arc::default(), verified: Arc::default() };
        let router = Router::new().route("/push/{device}", post(deliver)).with_state(receiver.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        receiver
    }

    /// A new browser subscription with fresh P-256 keys and auth secret.
    pub fn device(&self, name: &str) -> DeviceKeys {
        let (pair, auth) = ece::generate_keypair_and_auth_secret().unwrap();
        let components = pair.raw_components().unwrap();
        let keys = DeviceKeys {
            endpoint: format!("{}/push/{name}", self.origin),
            p256dh: URL_SAFE_NO_PAD.encode(pair.pub_as_raw().unwrap()),
            auth: URL_SAFE_NO_PAD.encode(auth),
        };
        let device = Device { components, auth: auth.to_vec(), script: VecDeque::new(), received: vec![], requests: 0 };
        self.devices.lock().unwrap().insert(name.to_owned(), device);
        keys
    }

    /// Answers for the next messages to `name`; after them, 201.
    pub fn script(&self, name: &str, answers: &[Answer]) {
        self.devices.lock().unwrap().get_mut(name).unwrap().script.extend(answers.iter().copied());
    }

    pub fn received(&self, name: &str) -> Vec<Received> {
        self.devices.lock().unwrap().get(name).map(|d| d.received.clone()).unwrap_or_default()
    }

    pub fn requests(&self, name: &str) -> u32 {
        self.devices.lock().unwrap().get(name).map_or(0, |d| d.requests)
    }

    /// When each message was decrypted, over all devices.
    pub fn arrivals(&self) -> Vec<Instant> {
        self.devices.lock().unwrap().values().flat_map(|d| d.received.iter().map(|r| r.at)).collect()
    }

    /// Messages decrypted so far, over all devices.
    pub fn delivered(&self) -> usize {
        self.delivered.load(Ordering::Relaxed)
    }
}

fn refuse(status: StatusCode, why: &str) -> Response {
    (status, why.to_owned()).into_response()
}

/// Checks `Authorization: vapid t=<jwt>, k=<key>`; gives the key.
fn check_vapid(receiver: &PushReceiver, headers: &HeaderMap) -> Result<String, (StatusCode, String)> {
    let value = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let known = receiver.verified.lock().unwrap().get(value).copied();
    if let Some(expires) = known {
        if expires <= Clock::now_since_epoch() {
            return Err((StatusCode::FORBIDDEN, "expired JWT".to_owned()));
        }
        return key_of(value).ok_or_else(|| (StatusCode::UNAUTHORIZED, "k".to_owned()));
    }
    let (key, expires) = verify_vapid(value, &receiver.origin)?;
    receiver.verified.lock().unwrap().insert(value.to_owned(), expires);
    Ok(key)
}

fn key_of(value: &str) -> Option<String> {
    value.split(',').find_map(|part| part.trim().trim_start_matches("vapid ").strip_prefix("k=").map(str::to_owned))
}

/// The full check of one header: ES256 signature, audience, subject, expiry. Gives the key
/// and the expiry.
fn verify_vapid(value: &str, origin: &str) -> Result<(String, Duration), (StatusCode, String)> {
    let refuse = |status: StatusCode, why: &str| (status, why.to_owned());
    let rest = value.strip_prefix("vapid ").ok_or_else(|| refuse(StatusCode::UNAUTHORIZED, "no vapid"))?;
    let mut token = None;
    let mut key = None;
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => token = Some(t.to_owned()),
            Some(("k", k)) => key = Some(k.to_owned()),
            _ => {}
        }
    }
    let (token, key) = token.zip(key).ok_or_else(|| refuse(StatusCode::UNAUTHORIZED, "t and k"))?;
    let raw = URL_SAFE_NO_PAD.decode(&key).map_err(|_| refuse(StatusCode::UNAUTHORIZED, "k not base64url"))?;
    let public = ES256PublicKey::from_bytes(&raw).map_err(|_| refuse(StatusCode::UNAUTHORIZED, "k not P-256"))?;
    let options =
        VerificationOptions { allowed_audiences: Some(HashSet::from([origin.to_owned()])), ..Default::default() };
    let claims = public
        .verify_token::<NoCustomClaims>(&token, Some(options))
        .map_err(|e| refuse(StatusCode::FORBIDDEN, &format!("bad JWT: {e}")))?;
    let subject = claims.subject.unwrap_or_default();
    if !(subject.starts_with("mailto:") || subject.starts_with("https://")) {
        return Err(refuse(StatusCode::FORBIDDEN, "sub must be mailto: or https:"));
    }
    let expires = claims.expires_at.ok_or_else(|| refuse(StatusCode::FORBIDDEN, "no exp"))?;
    if expires > Clock::now_since_epoch() + Duration::from_hours(24) {
        return Err(refuse(StatusCode::FORBIDDEN, "exp more than 24 h ahead"));
    }
    Ok((key, expires))
}

async fn deliver(
    State(receiver): State<PushReceiver>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let key = match check_vapid(&receiver, &headers) {
        Ok(key) => key,
        Err(refusal) => return refusal.into_response(),
    };
    let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).map(str::to_owned);
    if header("content-encoding").as_deref() != Some("aes128gcm") {
        return refuse(StatusCode::BAD_REQUEST, "aes128gcm only");
    }
    let Some(ttl) = header("ttl").and_then(|t| t.parse::<u32>().ok()) else {
        return refuse(StatusCode::BAD_REQUEST, "TTL required");
    };
    // Decryption happens outside the lock, so devices are served in parallel.
    let (components, auth) = {
        let mut devices = receiver.devices.lock().unwrap();
        let Some(device) = devices.get_mut(&name) else { return refuse(StatusCode::NOT_FOUND, "no such subscription") };
        device.requests += 1;
        match device.script.pop_front().unwrap_or(Answer::Created) {
            Answer::Created => {}
            Answer::NotFound => return refuse(StatusCode::NOT_FOUND, "expired"),
            Answer::Gone => return refuse(StatusCode::GONE, "unsubscribed"),
            Answer::TooMany { retry_after } => {
                return (StatusCode::TOO_MANY_REQUESTS, [("retry-after", retry_after.to_string())], "slow down")
                    .into_response();
            }
            Answer::ServerError => return refuse(StatusCode::INTERNAL_SERVER_ERROR, "oops"),
            Answer::Status(code) => return refuse(StatusCode::from_u16(code).unwrap(), "scripted"),
        }
        (device.components.clone(), device.auth.clone())
    };
    if body.len() > 4096 {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, "payload over 4 KB");
    }
    let plain = match ece::decrypt(&components, &auth, &body) {
        Ok(p) => p,
        Err(e) => return refuse(StatusCode::BAD_REQUEST, &format!("cannot decrypt: {e}")),
    };
    let raw = String::from_utf8(plain).unwrap();
    let received = Received {
        payload: serde_json::from_str(&raw).unwrap(),
        raw,
        ttl,
        urgency: header("urgency").unwrap_or_default(),
        key,
        at: Instant::now(),
    };
    if let Some(device) = receiver.devices.lock().unwrap().get_mut(&name) {
        device.received.push(received);
    }
    receiver.delivered.fetch_add(1, Ordering::Relaxed);
    StatusCode::CREATED.into_response()
}

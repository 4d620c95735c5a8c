//! Browser-only code: the service worker and this device's push subscription. Compiled for
//! the hydrated client only; without JavaScript none of it is needed.

use crate::api::notifications::{push_device_known, push_public_key, remove_push_device, subscribe_push};
use crate::i18n::Key;
use crate::notifications::{base64url, base64url_decode};
use js_sys::{ArrayBuffer, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Notification, NotificationPermission, PushEncryptionKeyName, PushManager, PushSubscription,
    PushSubscriptionOptionsInit, ServiceWorkerRegistration,
};

/// Where this device stands with push.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceState {
    Unsupported,
    Denied,
    Off,
    On,
}

impl DeviceState {
    pub fn message(self) -> Key {
        match self {
            DeviceState::Unsupported => Key::PushUnsupported,
            DeviceState::Denied => Key::PushDenied,
            DeviceState::Off => Key::PushOff,
            DeviceState::On => Key::PushOn,
        }
    }
}

fn supported() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let has = |target: &JsValue, name: &str| Reflect::has(target, &JsValue::from_str(name)).unwrap_or(false);
    has(&window.navigator(), "serviceWorker") && has(&window, "PushManager") && has(&window, "Notification")
}

async fn wait<T: JsCast>(promise: Result<Promise, JsValue>) -> Result<T, JsValue> {
    JsFuture::from(promise?).await?.dyn_into::<T>()
}

/// Keeps this device's push subscription in step with the server. The service worker itself
/// is registered by the page (`ServiceWorker` in the shell), before the bundle arrives.
pub fn register_worker() {
    if !supported() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let _ = renew_if_needed().await;
    });
}

async fn push_manager() -> Result<PushManager, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let registration: ServiceWorkerRegistration = wait(window.navigator().service_worker().ready()).await?;
    registration.push_manager()
}

async fn current_subscription() -> Result<Option<PushSubscription>, JsValue> {
    let value = JsFuture::from(push_manager().await?.get_subscription()?).await?;
    Ok(value.dyn_into::<PushSubscription>().ok())
}

pub async fn state() -> DeviceState {
    if !supported() {
        return DeviceState::Unsupported;
    }
    if Notification::permission() == NotificationPermission::Denied {
        return DeviceState::Denied;
    }
    match current_subscription().await {
        Ok(Some(_)) if Notification::permission() == NotificationPermission::Granted => DeviceState::On,
        _ => DeviceState::Off,
    }
}

fn key_of(subscription: &PushSubscription, name: PushEncryptionKeyName) -> Option<String> {
    let buffer: ArrayBuffer = subscription.get_key(name).ok()??;
    Some(base64url(&Uint8Array::new(&buffer).to_vec()))
}

async fn send_to_server(subscription: &PushSubscription) -> Result<(), Key> {
    let p256dh = key_of(subscription, PushEncryptionKeyName::P256dh).ok_or(Key::PushFailed)?;
    let auth = key_of(subscription, PushEncryptionKeyName::Auth).ok_or(Key::PushFailed)?;
    subscribe_push(subscription.endpoint(), p256dh, auth).await.map_err(|e| e.message())
}

async fn subscribe_with(manager: &PushManager, public_key: &str) -> Result<PushSubscription, JsValue> {
    let options = PushSubscriptionOptionsInit::new();
    options.set_user_visible_only(true);
    options.set_application_server_key(&Uint8Array::from(base64url_decode(public_key).as_slice()));
    wait(manager.subscribe_with_options(&options)).await
}

/// Asks for permission (call it from a click) and subscribes this device.
pub async fn enable() -> Result<DeviceState, Key> {
    if !supported() {
        return Err(Key::PushUnsupported);
    }
    let asked = Notification::request_permission().map_err(|_| Key::PushFailed)?;
    let answer = JsFuture::from(asked).await.map_err(|_| Key::PushFailed)?;
    if answer.as_string().as_deref() != Some("granted") {
        return Err(Key::PushDenied);
    }
    let public_key = push_public_key().await.map_err(|e| e.message())?;
    let manager = push_manager().await.map_err(|_| Key::PushFailed)?;
    if let Ok(Some(old)) = current_subscription().await {
        let _ = JsFuture::from(old.unsubscribe().map_err(|_| Key::PushFailed)?).await;
    }
    let subscription = subscribe_with(&manager, &public_key).await.map_err(|_| Key::PushFailed)?;
    send_to_server(&subscription).await?;
    Ok(DeviceState::On)
}

pub async fn disable() -> Result<DeviceState, Key> {
    if let Ok(Some(subscription)) = current_subscription().await {
        let _ = remove_push_device(None, Some(subscription.endpoint())).await;
        let _ = JsFuture::from(subscription.unsubscribe().map_err(|_| Key::PushFailed)?).await;
    }
    Ok(DeviceState::Off)
}

/// After each full page load: if this device is subscribed with a key the server no longer
/// uses, subscribe again with the new one; if the server does not know this device as the
/// signed-in person's (it dropped it, or someone else signed in), register it again.
async fn renew_if_needed() -> Result<(), JsValue> {
    if Notification::permission() != NotificationPermission::Granted {
        return Ok(());
    }
    let Some(mut subscription) = current_subscription().await? else { return Ok(()) };
    let Ok(public_key) = push_public_key().await else { return Ok(()) };
    let used = subscription
        .options()
        .application_server_key()?
        .map(|b| base64url(&Uint8Array::new(&b).to_vec()))
        .unwrap_or_default();
    if used != public_key {
        JsFuture::from(subscription.unsubscribe()?).await?;
        subscription = subscribe_with(&push_manager().await?, &public_key).await?;
    } else if push_device_known(subscription.endpoint()).await.unwrap_or(true) {
        return Ok(());
    }
    let _ = send_to_server(&subscription).await;
    Ok(())
}

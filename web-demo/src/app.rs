//! The page's code in the browser: wires the forms of `index.html` to a [`SecurityClient`]
//! over `fetch`, and shows answers and errors on the page (never only in the console).
//!
//! State lives in one thread-local [`State`]; every action reads the form, builds its request
//! body with the plain modules of this crate, sends it, and renders the answer. No borrow of
//! the state is held across an `.await`.

use crate::connect::{ConnectForm, Connection};
use crate::create_key::{self, preview, CreateKeyForm};
use crate::key_list::{KeyFilter, KeyRow, KeyStatus, Pager, StatusFilter, DEFAULT_PAGE_SIZE};
use crate::messages::{self, Message};
use crate::privileges::{self, PrivilegesForm};
use crate::text::{format_utc, relative};
use crate::{whoami, FormError};
use security_client::api_keys::CreateApiKeyResponse;
use security_client::{Credentials, Secret, SecurityClient};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use transport_wasm::{RequestCredentials, WasmTransport};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    Document, Element, Event, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
};

/// The client over the browser's `fetch` (the default transport on wasm32); cheap to clone.
type Client = SecurityClient;

/// How long a call may take before the page gives up on it.
const TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Default)]
struct State {
    client: Option<Client>,
    /// The cluster URL of `client`.
    url: String,
    /// The list's filters and the offset of its page.
    filter: KeyFilter,
    from: u32,
    pager: Option<Pager>,
    /// The key created last (shown once, until dismissed).
    created: Option<Secret>,
    /// The id whose "Invalidate" button waits for confirmation.
    armed: Option<String>,
    /// The id of the key created last, highlighted in the list.
    highlight: Option<String>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn with_state<R>(f: impl FnOnce(&mut State) -> R) -> R {
    STATE.with(|s| f(&mut s.borrow_mut()))
}

/// What can go wrong in an action, each shown differently.
enum Fail {
    /// Elasticsearch or the network said no.
    Es(security_client::Error),
    /// A form field is wrong: nothing was sent.
    Form(FormError),
    /// Not connected, or something else the page can say in words.
    Page(String),
}

impl From<security_client::Error> for Fail {
    fn from(e: security_client::Error) -> Self {
        Fail::Es(e)
    }
}

impl From<FormError> for Fail {
    fn from(e: FormError) -> Self {
        Fail::Form(e)
    }
}

impl From<JsValue> for Fail {
    fn from(e: JsValue) -> Self {
        Fail::Page(format!(
            "The page failed: {}",
            e.as_string().unwrap_or_else(|| format!("{e:?}"))
        ))
    }
}

type Result<T, E = Fail> = std::result::Result<T, E>;

#[wasm_bindgen(start)]
/// Entry point: prepares the page and wires its forms.
pub fn start() -> Result<(), JsValue> {
    let doc = document()?;
    let window = web_sys::window().ok_or("no window")?;
    let origin = window.location().origin()?;
    for el in query_all(&doc, ".page-origin")? {
        el.set_text_content(Some(&origin));
    }

    // `?es=<url>&user=<name>` prefill the connect form (never a password: URLs end up in logs).
    let params = web_sys::UrlSearchParams::new_with_str(&window.location().search()?)?;
    let url = params
        .get("es")
        .unwrap_or_else(|| "http://localhost:9200".to_owned());
    input(&doc, "es-url")?.set_value(&url);
    if let Some(user) = params.get("user") {
        input(&doc, "es-user")?.set_value(&user);
        input(&doc, "auth-basic")?.set_checked(true);
    }
    show_auth_fields(&doc)?;

    on(&doc, "auth-basic", "change", |_| {
        show_auth_fields(&document()?)
    })?;
    on(&doc, "auth-apikey", "change", |_| {
        show_auth_fields(&document()?)
    })?;
    on_submit(&doc, "connect-form", "connect-msg", "connect-btn", connect)?;
    on(&doc, "disconnect-btn", "click", |_| disconnect())?;
    on(&doc, "whoami-btn", "click", |_| {
        run("whoami-msg", "whoami-btn", who_am_i());
        Ok(())
    })?;
    on_submit(&doc, "create-form", "create-msg", "create-btn", create_key)?;
    on(&doc, "create-form", "input", |_| update_preview())?;
    on(&doc, "create-form", "change", |_| update_preview())?;
    on(&doc, "copy-key", "click", |_| {
        run("create-msg", "copy-key", copy_key());
        Ok(())
    })?;
    on(&doc, "use-key", "click", |_| {
        run("create-msg", "use-key", use_created_key());
        Ok(())
    })?;
    on(&doc, "dismiss-key", "click", |_| dismiss_key())?;
    on_submit(&doc, "filter-form", "keys-msg", "filter-btn", || {
        let filter = read_filter(&document()?)?;
        with_state(|s| {
            s.filter = filter;
            s.from = 0;
            s.armed = None;
        });
        Ok(fetch_keys())
    })?;
    on(&doc, "page-prev", "click", |_| page(Pager::prev))?;
    on(&doc, "page-next", "click", |_| page(Pager::next))?;
    on(&doc, "keys-body", "click", on_key_action)?;
    on_submit(&doc, "priv-form", "priv-msg", "priv-btn", check_privileges)?;
    update_preview()?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Actions

fn connect() -> Result<impl Future<Output = Result<()>>> {
    let doc = document()?;
    clear_invalid(&doc, "connect-form")?;
    let form = ConnectForm {
        url: input(&doc, "es-url")?.value(),
        basic: input(&doc, "auth-basic")?.checked(),
        username: input(&doc, "es-user")?.value(),
        password: input(&doc, "es-password")?.value(),
        api_key: input(&doc, "es-apikey")?.value(),
        serverless: input(&doc, "es-serverless")?.checked(),
    };
    let Connection {
        url,
        credentials,
        serverless,
    } = form.read()?;
    let transport = WasmTransport::new()
        .fetch_credentials(RequestCredentials::Omit)
        .request_timeout(TIMEOUT);
    let client = SecurityClient::new(&url, transport)
        .map_err(|e| FormError::new("es-url", format!("This URL cannot be used: {e}.")))?
        .with_credentials(credentials);
    // A serverless project: its media types and API-version header, and the calls it does not
    // offer refused before sending.
    let client = if serverless {
        client.serverless()
    } else {
        client
    };
    // Connecting starts a new session: the previous one (if any) is forgotten first.
    with_state(|s| {
        s.client = None;
        s.url = url.clone();
    });
    set_connected(None)?;
    Ok(async move {
        let me = client.authenticate().await?;
        // The password has done its job: it does not stay in the page.
        input(&document()?, "es-password")?.set_value("");
        with_state(|s| {
            s.client = Some(client);
            s.from = 0;
            s.armed = None;
        });
        set_connected(Some(&format!("{} at {url}", me.username)))?;
        render_whoami(&me)?;
        show(
            "connect-msg",
            &Message {
                summary: format!("Connected to {url} as {}.", me.username),
                hint: None,
            },
            Tone::Ok,
        )?;
        load_keys();
        Ok(())
    })
}

fn disconnect() -> Result<(), JsValue> {
    with_state(|s| *s = State::default());
    let doc = document()?;
    input(&doc, "es-password")?.set_value("");
    input(&doc, "es-apikey")?.set_value("");
    set_connected(None)?;
    let out = by_id(&doc, "whoami-out")?;
    out.set_text_content(None);
    append(
        &out,
        &element(&doc, "div", "empty", "Connect to see who you are.")?,
    )?;
    by_id(&doc, "create-result")?.set_attribute("hidden", "")?;
    by_id(&doc, "created-encoded")?.set_text_content(None);
    render_key_rows_message(&doc, "Connect to list API keys.")?;
    set_pager(&doc, None)?;
    reset_privileges(&doc)?;
    for id in ["whoami-msg", "create-msg", "keys-msg", "priv-msg"] {
        clear_msg(id)?;
    }
    show(
        "connect-msg",
        &Message {
            summary: "Disconnected: the page has forgotten the credentials.".to_owned(),
            hint: None,
        },
        Tone::Info,
    )
}

async fn who_am_i() -> Result<()> {
    let client = client()?;
    let me = client.authenticate().await?;
    render_whoami(&me)?;
    show(
        "whoami-msg",
        &Message {
            summary: format!("Authenticated as {}.", me.username),
            hint: None,
        },
        Tone::Ok,
    )?;
    Ok(())
}

fn create_key() -> Result<impl Future<Output = Result<()>>> {
    let doc = document()?;
    clear_invalid(&doc, "create-form")?;
    let body = read_create_form(&doc)?.to_body()?;
    let client = client()?;
    Ok(async move {
        let created = client.create_api_key().body(body).await?;
        render_created(&created)?;
        with_state(|s| s.highlight = Some(created.id.clone()));
        load_keys();
        Ok(())
    })
}

async fn copy_key() -> Result<()> {
    let doc = document()?;
    let status = by_id(&doc, "copy-status")?;
    let Some(key) = with_state(|s| s.created.clone()) else {
        return Err(Fail::Page("There is no new key to copy.".to_owned()));
    };
    let window = web_sys::window().ok_or_else(|| Fail::Page("no window".to_owned()))?;
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|c| !c.is_undefined())
        .unwrap_or(false);
    if !has_clipboard {
        status.set_text_content(Some(
            "This browser gives the page no clipboard here (only https and localhost pages get one): select the key and copy it.",
        ));
        return Ok(());
    }
    match JsFuture::from(navigator.clipboard().write_text(key.expose())).await {
        Ok(_) => status.set_text_content(Some("Copied to the clipboard.")),
        Err(_) => status.set_text_content(Some(
            "The browser refused to copy: select the key and copy it by hand.",
        )),
    }
    Ok(())
}

async fn use_created_key() -> Result<()> {
    let Some(key) = with_state(|s| s.created.clone()) else {
        return Err(Fail::Page(
            "There is no new key to connect with.".to_owned(),
        ));
    };
    let client = client()?;
    client.set_credentials(Some(Credentials::api_key_encoded(key)));
    let url = with_state(|s| s.url.clone());
    match client.authenticate().await {
        Ok(me) => {
            let doc = document()?;
            input(&doc, "auth-apikey")?.set_checked(true);
            input(&doc, "es-user")?.set_value("");
            show_auth_fields(&doc)?;
            let key_name = me
                .api_key
                .as_ref()
                .and_then(|k| k.name.clone())
                .unwrap_or_default();
            set_connected(Some(&format!("key {key_name} of {} at {url}", me.username)))?;
            render_whoami(&me)?;
            clear_msg("whoami-msg")?;
            show(
                "connect-msg",
                &Message {
                    summary: format!("Connected to {url} with the API key {key_name}."),
                    hint: None,
                },
                Tone::Ok,
            )?;
            show(
                "create-msg",
                &Message {
                    summary: format!("Now connected with the API key {key_name}: the page uses only what the key allows."),
                    hint: Some("Check its privileges below, or disconnect and sign in again to manage keys.".to_owned()),
                },
                Tone::Ok,
            )?;
            load_keys();
            Ok(())
        }
        Err(e) => {
            set_connected(None)?;
            with_state(|s| s.client = None);
            Err(e.into())
        }
    }
}

fn dismiss_key() -> Result<(), JsValue> {
    with_state(|s| s.created = None);
    let doc = document()?;
    by_id(&doc, "created-encoded")?.set_text_content(None);
    by_id(&doc, "copy-status")?.set_text_content(None);
    by_id(&doc, "create-result")?.set_attribute("hidden", "")
}

/// Loads the list's current page; errors show in the list's message area.
fn load_keys() {
    run("keys-msg", "filter-btn", fetch_keys());
}

/// Fetches and shows the list's current page.
async fn fetch_keys() -> Result<()> {
    let client = client()?;
    let (filter, from) = with_state(|s| (s.filter.clone(), s.from));
    let answer = match client.query_api_keys().body(filter.body(from)).await {
        Ok(answer) => answer,
        Err(e) => {
            // Rows of other credentials or filters would mislead: clear them.
            let doc = document()?;
            render_key_rows_message(&doc, "The keys could not be loaded: see the message above.")?;
            set_pager(&doc, None)?;
            return Err(e.into());
        }
    };
    let pager = Pager {
        from,
        count: u32::try_from(answer.api_keys.len()).unwrap_or(u32::MAX),
        total: answer.total,
        page_size: filter.page_size,
    };
    let doc = document()?;
    let now = js_sys::Date::now() as i64;
    let (armed, highlight) = with_state(|s| {
        s.pager = Some(pager);
        (s.armed.clone(), s.highlight.clone())
    });
    let body = by_id(&doc, "keys-body")?;
    body.set_text_content(None);
    if answer.api_keys.is_empty() {
        render_key_rows_message(&doc, "No API key matches these filters.")?;
    }
    for key in &answer.api_keys {
        let row = KeyRow::new(key, now);
        append(
            &body,
            &key_row(
                &doc,
                &row,
                armed.as_deref() == Some(row.id.as_str()),
                highlight.as_deref() == Some(row.id.as_str()),
            )?,
        )?;
    }
    set_pager(&doc, Some(pager))?;
    Ok(())
}

fn page(direction: fn(&Pager) -> Option<u32>) -> Result<(), JsValue> {
    let target = with_state(|s| s.pager.as_ref().and_then(direction));
    if let Some(from) = target {
        with_state(|s| {
            s.from = from;
            s.armed = None;
        });
        load_keys();
    }
    Ok(())
}

/// Clicks in the key table: "Invalidate" arms, "Confirm" invalidates.
fn on_key_action(event: Event) -> Result<(), JsValue> {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return Ok(());
    };
    let Some(button) = target.closest("button[data-id]")? else {
        return Ok(());
    };
    let id = button.get_attribute("data-id").unwrap_or_default();
    let name = button.get_attribute("data-name").unwrap_or_default();
    let armed = with_state(|s| s.armed.clone());
    if armed.as_deref() != Some(id.as_str()) {
        // First click: ask for confirmation on this row only.
        let doc = document()?;
        for other in query_all(&doc, "#keys-body button.armed")? {
            other.class_list().remove_1("armed")?;
            other.set_text_content(Some("Invalidate"));
            other.set_attribute(
                "aria-label",
                &format!(
                    "Invalidate {}",
                    other.get_attribute("data-name").unwrap_or_default()
                ),
            )?;
        }
        button.class_list().add_1("armed")?;
        button.set_text_content(Some("Confirm"));
        button.set_attribute(
            "aria-label",
            &format!("Confirm: invalidate {name} for good"),
        )?;
        with_state(|s| s.armed = Some(id));
        return Ok(());
    }
    with_state(|s| s.armed = None);
    let button_id = format!("invalidate-{id}");
    button.set_id(&button_id);
    run("keys-msg", &button_id, async move {
        let client = client()?;
        let answer = client.invalidate_api_key().ids([id.clone()]).await?;
        if let Some(error) = answer.error_details.first() {
            return Err(Fail::Page(format!(
                "Elasticsearch could not invalidate {name}: {}",
                error.reason.as_deref().unwrap_or(&error.error_type)
            )));
        }
        let summary = if answer.invalidated_api_keys.contains(&id) {
            format!("Invalidated the key {name} ({id}): it no longer authenticates anyone.")
        } else if answer.previously_invalidated_api_keys.contains(&id) {
            format!("The key {name} ({id}) was already invalidated.")
        } else {
            format!("Elasticsearch invalidated no key for {name} ({id}): did someone delete it?")
        };
        show(
            "keys-msg",
            &Message {
                summary,
                hint: None,
            },
            Tone::Ok,
        )?;
        load_keys();
        Ok(())
    });
    Ok(())
}

fn check_privileges() -> Result<impl Future<Output = Result<()>>> {
    let doc = document()?;
    clear_invalid(&doc, "priv-form")?;
    let body = read_privileges_form(&doc)?.to_body()?;
    let client = client()?;
    Ok(async move {
        let answer = client.has_privileges().body(body).await?;
        let doc = document()?;
        let summary = by_id(&doc, "priv-summary")?;
        summary.set_text_content(Some(&privileges::summary(&answer)));
        summary.set_class_name(if answer.has_all_requested {
            "all"
        } else {
            "some"
        });
        let tbody = by_id(&doc, "priv-body")?;
        tbody.set_text_content(None);
        for row in privileges::check_rows(&answer) {
            let tr = doc.create_element("tr")?;
            append(&tr, &element(&doc, "td", "", &row.scope)?)?;
            append(&tr, &element(&doc, "td", "mono", &row.privilege)?)?;
            let td = doc.create_element("td")?;
            let (class, text) = if row.granted {
                ("badge ok", "Granted")
            } else {
                ("badge bad", "Missing")
            };
            append(&td, &element(&doc, "span", class, text)?)?;
            append(&tr, &td)?;
            append(&tbody, &tr)?;
        }
        by_id(&doc, "priv-table")?.remove_attribute("hidden")?;
        clear_msg("priv-msg")?;
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// Reading forms

fn read_create_form(doc: &Document) -> Result<CreateKeyForm, JsValue> {
    Ok(CreateKeyForm {
        name: input(doc, create_key::field::NAME)?.value(),
        expiration: select(doc, create_key::field::EXPIRATION)?.value(),
        role_name: input(doc, create_key::field::ROLE_NAME)?.value(),
        cluster: input(doc, create_key::field::CLUSTER)?.value(),
        indices: input(doc, create_key::field::INDICES)?.value(),
        index_privileges: input(doc, create_key::field::INDEX_PRIVILEGES)?.value(),
        advanced_json: by_id(doc, create_key::field::ADVANCED)?
            .dyn_into::<HtmlTextAreaElement>()?
            .value(),
    })
}

fn read_filter(doc: &Document) -> Result<KeyFilter, JsValue> {
    Ok(KeyFilter {
        name: input(doc, "filter-name")?.value(),
        username: input(doc, "filter-user")?.value(),
        status: StatusFilter::from_value(&select(doc, "filter-status")?.value()),
        page_size: select(doc, "filter-size")?
            .value()
            .parse()
            .unwrap_or(DEFAULT_PAGE_SIZE),
    })
}

fn read_privileges_form(doc: &Document) -> Result<PrivilegesForm, JsValue> {
    use crate::privileges::field;
    Ok(PrivilegesForm {
        cluster: input(doc, field::CLUSTER)?.value(),
        indices: input(doc, field::INDICES)?.value(),
        index_privileges: input(doc, field::INDEX_PRIVILEGES)?.value(),
        application: input(doc, field::APPLICATION)?.value(),
        application_privileges: input(doc, field::APPLICATION_PRIVILEGES)?.value(),
        resources: input(doc, field::RESOURCES)?.value(),
    })
}

/// Shows the request the create form would send, or what is wrong with the form.
fn update_preview() -> Result<(), JsValue> {
    let doc = document()?;
    let pre = by_id(&doc, "create-preview")?;
    let form = read_create_form(&doc)?;
    // A blank name is only "not yet typed" here: preview with a placeholder.
    let form = if form.name.trim().is_empty() {
        CreateKeyForm {
            name: "<name>".to_owned(),
            ..form
        }
    } else {
        form
    };
    match form.to_body() {
        Ok(body) => {
            let mut text = preview(&body);
            if body.role_descriptors.is_none() {
                text.push_str(
                    "\n\n# No role descriptor: the key gets a snapshot of ALL your privileges.",
                );
            }
            pre.set_text_content(Some(&text));
            pre.set_class_name("code");
        }
        Err(e) => {
            pre.set_text_content(Some(&format!("Not ready to send:\n{}", e.message)));
            pre.set_class_name("code invalid");
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Rendering

fn render_whoami(me: &security_client::users::AuthenticateResponse) -> Result<(), JsValue> {
    let doc = document()?;
    let out = by_id(&doc, "whoami-out")?;
    out.set_text_content(None);
    for (label, value) in whoami::rows(me) {
        let pair = doc.create_element("div")?;
        append(&pair, &element(&doc, "dt", "", label)?)?;
        append(&pair, &element(&doc, "dd", "", &value)?)?;
        append(&out, &pair)?;
    }
    Ok(())
}

fn render_created(created: &CreateApiKeyResponse) -> Result<(), JsValue> {
    let doc = document()?;
    let window = web_sys::window().ok_or("no window")?;
    let encoded = match &created.encoded {
        Some(encoded) => encoded.clone(),
        // Servers before 7.16 send no `encoded`: it is base64 of `id:api_key`.
        None => {
            Secret::new(window.btoa(&format!("{}:{}", created.id, created.api_key.expose()))?)
        }
    };
    by_id(&doc, "created-encoded")?.set_text_content(Some(encoded.expose()));
    by_id(&doc, "created-name")?.set_text_content(Some(created.name.as_deref().unwrap_or("")));
    by_id(&doc, "created-id")?.set_text_content(Some(&created.id));
    let now = js_sys::Date::now() as i64;
    let expires = match created.expiration {
        Some(e) => format!("{} ({})", format_utc(e), relative(e, now)),
        None => "never".to_owned(),
    };
    by_id(&doc, "created-expires")?.set_text_content(Some(&expires));
    by_id(&doc, "copy-status")?.set_text_content(None);
    with_state(|s| s.created = Some(encoded));
    let result = by_id(&doc, "create-result")?.dyn_into::<HtmlElement>()?;
    result.remove_attribute("hidden")?;
    result.focus()?;
    clear_msg("create-msg")
}

fn key_row(doc: &Document, row: &KeyRow, armed: bool, highlight: bool) -> Result<Element, JsValue> {
    let tr = doc.create_element("tr")?;
    let mut classes = Vec::new();
    if row.status == KeyStatus::Invalidated {
        classes.push("is-invalidated");
    }
    if highlight {
        classes.push("just-created");
    }
    tr.set_class_name(&classes.join(" "));
    tr.set_attribute("data-key-id", &row.id)?;

    let name = doc.create_element("td")?;
    append(&name, &element(doc, "div", "key-name", &row.name)?)?;
    append(&name, &element(doc, "div", "key-id mono", &row.id)?)?;
    append(&tr, &name)?;
    append(&tr, &element(doc, "td", "", &row.owner)?)?;
    let created = element(doc, "td", "", &row.created)?;
    created.set_attribute("title", &row.created_utc)?;
    append(&tr, &created)?;
    let expires = element(doc, "td", "", &row.expires)?;
    if !row.expires_utc.is_empty() {
        expires.set_attribute("title", &row.expires_utc)?;
    }
    append(&tr, &expires)?;
    let status = doc.create_element("td")?;
    append(
        &status,
        &element(doc, "span", row.status.class(), row.status.label())?,
    )?;
    append(&tr, &status)?;
    append(&tr, &element(doc, "td", "perm", &row.roles)?)?;

    let action = doc.create_element("td")?;
    action.set_class_name("action");
    if row.status != KeyStatus::Invalidated {
        let button = element(
            doc,
            "button",
            if armed { "danger armed" } else { "danger" },
            if armed { "Confirm" } else { "Invalidate" },
        )?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-id", &row.id)?;
        button.set_attribute("data-name", &row.name)?;
        button.set_attribute("aria-label", &format!("Invalidate {}", row.name))?;
        append(&action, &button)?;
    }
    append(&tr, &action)?;
    Ok(tr)
}

fn render_key_rows_message(doc: &Document, text: &str) -> Result<(), JsValue> {
    let body = by_id(doc, "keys-body")?;
    body.set_text_content(None);
    let tr = doc.create_element("tr")?;
    tr.set_class_name("empty");
    let td = element(doc, "td", "", text)?;
    td.set_attribute("colspan", "7")?;
    append(&tr, &td)?;
    append(&body, &tr)?;
    Ok(())
}

fn set_pager(doc: &Document, pager: Option<Pager>) -> Result<(), JsValue> {
    by_id(doc, "page-label")?.set_text_content(Some(&pager.map(|p| p.label()).unwrap_or_default()));
    set_disabled(doc, "page-prev", pager.and_then(|p| p.prev()).is_none())?;
    set_disabled(doc, "page-next", pager.and_then(|p| p.next()).is_none())
}

fn reset_privileges(doc: &Document) -> Result<(), JsValue> {
    let summary = by_id(doc, "priv-summary")?;
    summary.set_text_content(Some("The answer appears here."));
    summary.set_class_name("empty");
    by_id(doc, "priv-body")?.set_text_content(None);
    by_id(doc, "priv-table")?.set_attribute("hidden", "")
}

fn set_connected(who: Option<&str>) -> Result<(), JsValue> {
    let doc = document()?;
    let pill = by_id(&doc, "conn-status")?;
    match who {
        Some(who) => {
            pill.set_text_content(Some(&format!("Connected: {who}")));
            pill.set_class_name("pill connected");
        }
        None => {
            pill.set_text_content(Some("Not connected"));
            pill.set_class_name("pill");
        }
    }
    let disabled = who.is_none();
    for el in query_all(&doc, ".needs-connection")? {
        if disabled {
            el.set_attribute("disabled", "")?;
        } else {
            el.remove_attribute("disabled")?;
        }
    }
    set_disabled(&doc, "disconnect-btn", disabled)
}

fn show_auth_fields(doc: &Document) -> Result<(), JsValue> {
    let basic = input(doc, "auth-basic")?.checked();
    by_id(doc, "basic-fields")?
        .dyn_into::<HtmlElement>()?
        .set_hidden(!basic);
    by_id(doc, "apikey-fields")?
        .dyn_into::<HtmlElement>()?
        .set_hidden(basic);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Messages

#[derive(Clone, Copy)]
enum Tone {
    Info,
    Ok,
    Error,
}

fn show(id: &str, message: &Message, tone: Tone) -> Result<(), JsValue> {
    let doc = document()?;
    let el = by_id(&doc, id)?;
    el.set_text_content(None);
    let (class, role) = match tone {
        Tone::Info => ("msg", "status"),
        Tone::Ok => ("msg ok", "status"),
        Tone::Error => ("msg error", "alert"),
    };
    el.set_class_name(class);
    el.set_attribute("role", role)?;
    append(&el, &element(&doc, "strong", "", &message.summary)?)?;
    if let Some(hint) = &message.hint {
        append(&el, &element(&doc, "p", "", hint)?)?;
    }
    Ok(())
}

fn clear_msg(id: &str) -> Result<(), JsValue> {
    let el = by_id(&document()?, id)?;
    el.set_text_content(None);
    el.set_class_name("msg");
    el.set_attribute("role", "status")
}

/// Shows a failure in the message area `msg_id`: Elasticsearch's errors with a hint, form
/// errors on their field.
fn show_fail(msg_id: &str, fail: Fail) {
    let result = (|| -> Result<(), JsValue> {
        let message = match fail {
            Fail::Es(e) => {
                let origin = web_sys::window()
                    .and_then(|w| w.location().origin().ok())
                    .unwrap_or_default();
                let url = with_state(|s| s.url.clone());
                messages::describe(
                    &e,
                    messages::Context {
                        cluster_url: &url,
                        page_origin: &origin,
                    },
                )
            }
            Fail::Form(e) => {
                let doc = document()?;
                if let Some(field) = doc.get_element_by_id(e.field) {
                    field.set_attribute("aria-invalid", "true")?;
                    if let Ok(field) = field.dyn_into::<HtmlElement>() {
                        field.focus()?;
                    }
                }
                Message {
                    summary: e.message,
                    hint: None,
                }
            }
            Fail::Page(text) => Message {
                summary: text,
                hint: None,
            },
        };
        show(msg_id, &message, Tone::Error)
    })();
    if let Err(e) = result {
        // The message area itself is missing: the last resort is the console.
        web_sys::console::error_1(&e);
    }
}

// ---------------------------------------------------------------------------------------------
// Running actions

/// Runs an action: the button shows it is busy, a failure shows in `msg_id`.
fn run(msg_id: &str, button_id: &str, action: impl Future<Output = Result<()>> + 'static) {
    run_boxed(msg_id, button_id, Box::pin(action));
}

/// [`run`] for one future type: one copy of the task code in the module, not one per action.
fn run_boxed(msg_id: &str, button_id: &str, action: Pin<Box<dyn Future<Output = Result<()>>>>) {
    let msg_id = msg_id.to_owned();
    let button_id = button_id.to_owned();
    let _ = set_busy(&button_id, true);
    spawn_local(async move {
        let outcome = action.await;
        let _ = set_busy(&button_id, false);
        if let Err(fail) = outcome {
            show_fail(&msg_id, fail);
        }
    });
}

/// Wires a form's submit to an action that first reads the form (synchronously, so that a
/// form error shows at once) and then sends.
fn on_submit<F, Fut>(
    doc: &Document,
    form_id: &str,
    msg_id: &'static str,
    button_id: &'static str,
    action: F,
) -> Result<(), JsValue>
where
    F: Fn() -> Result<Fut> + 'static,
    Fut: Future<Output = Result<()>> + 'static,
{
    on(doc, form_id, "submit", move |event| {
        event.prevent_default();
        match action() {
            Ok(fut) => {
                clear_msg(msg_id)?;
                run(msg_id, button_id, fut);
            }
            Err(fail) => show_fail(msg_id, fail),
        }
        Ok(())
    })
}

fn set_busy(id: &str, busy: bool) -> Result<(), JsValue> {
    let doc = document()?;
    let Some(el) = doc.get_element_by_id(id) else {
        return Ok(());
    };
    if busy {
        el.set_attribute("aria-busy", "true")?;
        el.set_attribute("disabled", "")
    } else {
        el.remove_attribute("aria-busy")?;
        // Buttons that need a connection stay disabled without one.
        let needs = el.closest(".needs-connection")?.is_some()
            || el.class_list().contains("needs-connection");
        let connected = with_state(|s| s.client.is_some());
        if !needs || connected {
            el.remove_attribute("disabled")?;
        }
        Ok(())
    }
}

fn client() -> Result<Client> {
    with_state(|s| s.client.clone())
        .ok_or_else(|| Fail::Page("Not connected: connect to a cluster first.".to_owned()))
}

// ---------------------------------------------------------------------------------------------
// DOM helpers

fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

fn by_id(doc: &Document, id: &str) -> Result<Element, JsValue> {
    doc.get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("the page has no element #{id}")))
}

fn input(doc: &Document, id: &str) -> Result<HtmlInputElement, JsValue> {
    Ok(by_id(doc, id)?.dyn_into::<HtmlInputElement>()?)
}

fn select(doc: &Document, id: &str) -> Result<HtmlSelectElement, JsValue> {
    Ok(by_id(doc, id)?.dyn_into::<HtmlSelectElement>()?)
}

fn set_disabled(doc: &Document, id: &str, disabled: bool) -> Result<(), JsValue> {
    let el = by_id(doc, id)?;
    if disabled {
        el.set_attribute("disabled", "")
    } else {
        el.remove_attribute("disabled")
    }
}

fn query_all(doc: &Document, selector: &str) -> Result<Vec<Element>, JsValue> {
    let list = doc.query_selector_all(selector)?;
    Ok((0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect())
}

/// Removes `aria-invalid` from the fields of a form.
fn clear_invalid(doc: &Document, form_id: &str) -> Result<(), JsValue> {
    for el in query_all(doc, &format!("#{form_id} [aria-invalid]"))? {
        el.remove_attribute("aria-invalid")?;
    }
    Ok(())
}

/// Appends `child` to `parent`.
fn append(parent: &Element, child: &Element) -> Result<(), JsValue> {
    parent.append_child(child)?;
    Ok(())
}

/// A new element with a class and text (text, never HTML: names come from the cluster).
fn element(doc: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let el = doc.create_element(tag)?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    el.set_text_content(Some(text));
    Ok(el)
}

/// Adds an event listener for the page's lifetime; a failure of the handler shows on the page.
fn on(
    doc: &Document,
    id: &str,
    event: &str,
    handler: impl FnMut(Event) -> Result<(), JsValue> + 'static,
) -> Result<(), JsValue> {
    on_boxed(doc, id, event, Box::new(handler))
}

/// [`on`] for one handler type: one copy of the listener glue in the module, not one per
/// handler.
fn on_boxed(
    doc: &Document,
    id: &str,
    event: &str,
    mut handler: Box<dyn FnMut(Event) -> Result<(), JsValue>>,
) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        if let Err(e) = handler(event) {
            show_fail("page-msg", Fail::from(e));
        }
    });
    by_id(doc, id)?.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())?;
    // The page's listeners live as long as the page.
    closure.forget();
    Ok(())
}

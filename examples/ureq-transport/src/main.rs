//! Who am I, over ureq:
//! `ES_URL=http://localhost:9200 ES_USERNAME=elastic ES_PASSWORD=… cargo run -p ureq-transport`.

use security_client::{Credentials, OptionalExt, SecurityClient};
use std::future::IntoFuture;
use ureq_transport::UreqTransport;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (Ok(url), Ok(username), Ok(password)) = (
        std::env::var("ES_URL"),
        std::env::var("ES_USERNAME"),
        std::env::var("ES_PASSWORD"),
    ) else {
        eprintln!("set ES_URL (http://…), ES_USERNAME and ES_PASSWORD");
        std::process::exit(2);
    };
    let client = SecurityClient::new(url, UreqTransport::new())?
        .with_credentials(Credentials::basic(username, password));
    // ureq blocks: a plain executor drives the client's futures.
    let me = futures::executor::block_on(client.authenticate().into_future())?;
    println!("{} (roles {:?})", me.username, me.roles);
    let user = futures::executor::block_on(
        client
            .get_user()
            .username(me.username.clone())
            .into_future(),
    );
    match user.optional()? {
        Some(users) => println!("a native user: {:?}", users.keys().collect::<Vec<_>>()),
        None => println!("not a native user"),
    }
    Ok(())
}

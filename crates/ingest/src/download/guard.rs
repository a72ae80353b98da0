//! The redirect rule ([`StorageAddresses`]) and the storage client's DNS resolver that enforces
//! it: names are resolved, the refused addresses dropped, and only the rest handed to the
//! connector, so what was checked is exactly what is connected to.

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use tracing::debug;

use super::address::{classify, AddressClass};
use crate::config::StorageAddresses;

/// An address the rule refuses, as the resolver reports it (found again in the error chain).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{address} is a {} address", .class.name())]
pub(crate) struct Blocked {
    /// The refused address.
    pub(crate) address: IpAddr,
    /// Its class.
    pub(crate) class: AddressClass,
}

/// Which address classes the storage hop may use: always public ones; under
/// [`StorageAddresses::PublicOrApiClass`] also the classes the API's own connections used.
#[derive(Debug)]
pub(crate) struct AddressPolicy {
    mode: StorageAddresses,
    allowed: AtomicU16,
}

impl AddressPolicy {
    pub(crate) fn new(mode: StorageAddresses) -> Self {
        Self {
            mode,
            allowed: AtomicU16::new(AddressClass::Public.bit()),
        }
    }

    /// Notes the address an API request connected to: its class becomes allowed for storage
    /// under [`StorageAddresses::PublicOrApiClass`].
    pub(crate) fn learn_api(&self, address: IpAddr) {
        if self.mode == StorageAddresses::PublicOrApiClass {
            let bit = classify(address).bit();
            if self.allowed.fetch_or(bit, Ordering::Relaxed) & bit == 0 {
                debug!(
                    class = classify(address).name(),
                    "storage may use the API's address class"
                );
            }
        }
    }

    /// Whether the storage hop may connect to `address`.
    pub(crate) fn check(&self, address: IpAddr) -> Result<(), Blocked> {
        if self.mode == StorageAddresses::Any {
            return Ok(());
        }
        let class = classify(address);
        if self.allowed.load(Ordering::Relaxed) & class.bit() != 0 {
            Ok(())
        } else {
            Err(Blocked { address, class })
        }
    }
}

/// The storage client's resolver: the system's (`getaddrinfo`, on the blocking pool, as
/// reqwest's default), filtered by the [`AddressPolicy`].
#[derive(Debug, Clone)]
pub(crate) struct GuardedResolver {
    policy: Arc<AddressPolicy>,
}

impl GuardedResolver {
    pub(crate) fn new(policy: Arc<AddressPolicy>) -> Self {
        Self { policy }
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = Arc::clone(&self.policy);
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let addrs = filter(&policy, &host, found)?;
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// The addresses of `found` the policy allows; the first refusal when none is left.
fn filter(
    policy: &AddressPolicy,
    host: &str,
    found: Vec<SocketAddr>,
) -> Result<Vec<SocketAddr>, Blocked> {
    let mut refused = None;
    let mut kept = Vec::with_capacity(found.len());
    for addr in found {
        match policy.check(addr.ip()) {
            Ok(()) => kept.push(addr),
            Err(blocked) => {
                debug!(
                    host = %pipes_media_core::log::escape(host),
                    address = %blocked.address,
                    class = blocked.class.name(),
                    "storage address refused"
                );
                refused.get_or_insert(blocked);
            }
        }
    }
    match (kept.is_empty(), refused) {
        (true, Some(blocked)) => Err(blocked),
        _ => Ok(kept),
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn addr(text: &str) -> SocketAddr {
        SocketAddr::new(text.parse().expect("an address"), 0)
    }

    #[test]
    fn public_only_refuses_everything_else() {
        let policy = AddressPolicy::new(StorageAddresses::PublicOnly);
        policy.learn_api("127.0.0.1".parse().expect("ip"));
        assert!(policy.check("8.8.8.8".parse().expect("ip")).is_ok());
        let blocked = policy
            .check("127.0.0.1".parse().expect("ip"))
            .expect_err("loopback");
        assert_eq!(blocked.class, AddressClass::Loopback);
        assert_eq!(blocked.to_string(), "127.0.0.1 is a loopback address");
    }

    #[test]
    fn the_api_class_is_allowed_and_no_other() {
        let policy = AddressPolicy::new(StorageAddresses::PublicOrApiClass);
        assert!(policy.check("10.0.0.5".parse().expect("ip")).is_err());
        policy.learn_api("10.1.1.1".parse().expect("ip"));
        assert!(policy.check("10.0.0.5".parse().expect("ip")).is_ok());
        assert!(policy.check("192.168.0.5".parse().expect("ip")).is_ok());
        assert!(policy.check("::ffff:10.0.0.5".parse().expect("ip")).is_ok());
        for other in [
            "127.0.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "fe80::1",
            "0.0.0.0",
        ] {
            assert!(policy.check(other.parse().expect("ip")).is_err(), "{other}");
        }
        let any = AddressPolicy::new(StorageAddresses::Any);
        assert!(any.check("169.254.169.254".parse().expect("ip")).is_ok());
    }

    #[test]
    fn the_filter_keeps_only_allowed_addresses_in_order() {
        let policy = AddressPolicy::new(StorageAddresses::PublicOrApiClass);
        policy.learn_api("10.9.9.9".parse().expect("ip"));
        let found = vec![
            addr("127.0.0.1"),
            addr("10.0.0.7"),
            addr("169.254.169.254"),
            addr("8.8.4.4"),
            addr("::1"),
        ];
        assert_eq!(
            filter(&policy, "mixed.example", found).expect("some allowed"),
            vec![addr("10.0.0.7"), addr("8.8.4.4")]
        );
        let blocked = filter(
            &policy,
            "metadata.example",
            vec![addr("169.254.169.254"), addr("::1")],
        )
        .expect_err("nothing allowed");
        assert_eq!(blocked.address.to_string(), "169.254.169.254");
        assert!(filter(&policy, "none.example", Vec::new())
            .expect("empty stays empty")
            .is_empty());
    }

    #[tokio::test]
    async fn localhost_resolves_and_is_refused() {
        let resolver =
            GuardedResolver::new(Arc::new(AddressPolicy::new(StorageAddresses::PublicOnly)));
        let error = match resolver
            .resolve(Name::from_str("localhost").expect("a name"))
            .await
        {
            Ok(addrs) => panic!("localhost allowed: {:?}", addrs.collect::<Vec<_>>()),
            Err(error) => error,
        };
        let blocked = error.downcast_ref::<Blocked>().expect("a Blocked error");
        assert_eq!(blocked.class, AddressClass::Loopback);
        let open = GuardedResolver::new(Arc::new(AddressPolicy::new(StorageAddresses::Any)));
        let addrs: Vec<_> = match open
            .resolve(Name::from_str("localhost").expect("a name"))
            .await
        {
            Ok(addrs) => addrs.collect(),
            Err(error) => panic!("{error}"),
        };
        assert!(addrs.iter().all(|a| a.ip().is_loopback()) && !addrs.is_empty());
    }
}

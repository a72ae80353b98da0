//! What kind of network an IP address belongs to: public internet, or one of the classes a
//! redirect from the wire must not lead to.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The class of an address, as the redirect rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum AddressClass {
    /// Routable on the public internet.
    Public,
    /// `127.0.0.0/8`, `::1`.
    Loopback,
    /// `169.254.0.0/16`, `fe80::/10` (cloud metadata services live here).
    LinkLocal,
    /// `10/8`, `172.16/12`, `192.168/16`, `fc00::/7`, `fec0::/10`, local-use NAT64.
    Private,
    /// `100.64.0.0/10`, carrier-grade NAT.
    SharedCgnat,
    /// `224.0.0.0/4`, `ff00::/8`.
    Multicast,
    /// `0.0.0.0/8`, `::`.
    Unspecified,
    /// Documentation, benchmarking, IETF protocol assignments, `240.0.0.0/4` and broadcast,
    /// the IPv6 discard prefix and ORCHID.
    Reserved,
}

impl AddressClass {
    /// Every class, in bit order.
    const ALL: [Self; 8] = [
        Self::Public,
        Self::Loopback,
        Self::LinkLocal,
        Self::Private,
        Self::SharedCgnat,
        Self::Multicast,
        Self::Unspecified,
        Self::Reserved,
    ];

    /// The class's name in messages (`loopback`, `link-local`…).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Loopback => "loopback",
            Self::LinkLocal => "link-local",
            Self::Private => "private",
            Self::SharedCgnat => "shared (CGNAT)",
            Self::Multicast => "multicast",
            Self::Unspecified => "unspecified",
            Self::Reserved => "reserved",
        }
    }

    /// One bit per class, for a set of classes in an integer.
    pub(crate) fn bit(self) -> u16 {
        let index = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
        1 << index
    }
}

/// The class of `ip`. IPv6 addresses that carry an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`,
/// IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) take that address's
/// class, so `[::ffff:169.254.169.254]` is as link-local as `169.254.169.254`.
pub(crate) fn classify(ip: IpAddr) -> AddressClass {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> AddressClass {
    let [a, b, c, _] = ip.octets();
    match (a, b, c) {
        (0, _, _) => AddressClass::Unspecified,
        (127, _, _) => AddressClass::Loopback,
        (169, 254, _) => AddressClass::LinkLocal,
        (10, _, _) | (192, 168, _) => AddressClass::Private,
        (172, b, _) if (16..32).contains(&b) => AddressClass::Private,
        (100, b, _) if (64..128).contains(&b) => AddressClass::SharedCgnat,
        (224..=239, _, _) => AddressClass::Multicast,
        // 192.0.0.0/24 protocol assignments, 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24
        // documentation, 192.88.99.0/24 the retired 6to4 relay, 198.18.0.0/15 benchmarking,
        // 240.0.0.0/4 (and 255.255.255.255) reserved.
        (192, 0, 0) | (192, 0, 2) | (198, 51, 100) | (203, 0, 113) | (192, 88, 99) => {
            AddressClass::Reserved
        }
        (198, 18 | 19, _) | (240..=255, _, _) => AddressClass::Reserved,
        _ => AddressClass::Public,
    }
}

fn classify_v6(ip: Ipv6Addr) -> AddressClass {
    if let Some(v4) = embedded_v4(ip) {
        return classify_v4(v4);
    }
    let s = ip.segments();
    if ip.is_unspecified() {
        AddressClass::Unspecified
    } else if ip.is_loopback() {
        AddressClass::Loopback
    } else if s[0] & 0xffc0 == 0xfe80 {
        AddressClass::LinkLocal
    } else if s[0] & 0xfe00 == 0xfc00 || s[0] & 0xffc0 == 0xfec0 || (s[0], s[1]) == (0x64, 0xff9b) {
        // Unique local, the old site-local, and local-use NAT64 (64:ff9b:1::/48; the
        // well-known /96 was handled as embedded IPv4 above).
        AddressClass::Private
    } else if s[0] >> 8 == 0xff {
        AddressClass::Multicast
    } else if s[0] & 0xe000 != 0x2000
        || (s[0], s[1]) == (0x2001, 0xdb8)
        || (s[0] == 0x3fff && s[1] & 0xf000 == 0)
        || (s[0], s[1], s[2]) == (0x2001, 2, 0)
        || (s[0] == 0x2001 && matches!(s[1] & 0xfff0, 0x10 | 0x20))
    {
        // Only 2000::/3 is global unicast; everything else left (the rest of ::/8, the
        // discard prefix 100::/64, unassigned space) is reserved. Inside it: documentation
        // (2001:db8::/32, 3fff::/20), benchmarking (2001:2::/48), ORCHID v2 and v1
        // (2001:20::/28, 2001:10::/28).
        AddressClass::Reserved
    } else {
        AddressClass::Public
    }
}

/// The IPv4 address an IPv6 address stands for, if it is one of the forms that carry one.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let low = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    match s {
        // IPv4-compatible (deprecated), but not :: and ::1.
        [0, 0, 0, 0, 0, 0, hi, lo] if (hi, lo) != (0, 0) && (hi, lo) != (0, 1) => Some(low(hi, lo)),
        // IPv4-translated (SIIT, ::ffff:0:0/96).
        [0, 0, 0, 0, 0xffff, 0, hi, lo] => Some(low(hi, lo)),
        // NAT64 well-known prefix.
        [0x64, 0xff9b, 0, 0, 0, 0, hi, lo] => Some(low(hi, lo)),
        // 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD.
        [0x2002, hi, lo, ..] => Some(low(hi, lo)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(text: &str) -> AddressClass {
        classify(text.parse().expect("an address"))
    }

    #[test]
    fn ipv4_classes() {
        for (ip, want) in [
            ("8.8.8.8", AddressClass::Public),
            ("1.1.1.1", AddressClass::Public),
            ("52.216.8.1", AddressClass::Public),
            ("0.0.0.0", AddressClass::Unspecified),
            ("0.1.2.3", AddressClass::Unspecified),
            ("127.0.0.1", AddressClass::Loopback),
            ("127.255.255.254", AddressClass::Loopback),
            ("169.254.169.254", AddressClass::LinkLocal),
            ("169.254.0.1", AddressClass::LinkLocal),
            ("10.0.0.1", AddressClass::Private),
            ("172.16.0.1", AddressClass::Private),
            ("172.31.255.255", AddressClass::Private),
            ("172.15.0.1", AddressClass::Public),
            ("172.32.0.1", AddressClass::Public),
            ("192.168.1.1", AddressClass::Private),
            ("100.64.0.1", AddressClass::SharedCgnat),
            ("100.127.255.255", AddressClass::SharedCgnat),
            ("100.63.255.255", AddressClass::Public),
            ("100.128.0.0", AddressClass::Public),
            ("224.0.0.1", AddressClass::Multicast),
            ("239.255.255.250", AddressClass::Multicast),
            ("240.0.0.1", AddressClass::Reserved),
            ("255.255.255.255", AddressClass::Reserved),
            ("192.0.2.7", AddressClass::Reserved),
            ("198.51.100.7", AddressClass::Reserved),
            ("203.0.113.7", AddressClass::Reserved),
            ("198.18.0.1", AddressClass::Reserved),
            ("198.19.255.1", AddressClass::Reserved),
            ("198.20.0.1", AddressClass::Public),
            ("192.0.0.8", AddressClass::Reserved),
        ] {
            assert_eq!(class(ip), want, "{ip}");
        }
    }

    #[test]
    fn ipv6_classes_and_embedded_ipv4() {
        for (ip, want) in [
            ("2606:4700::1111", AddressClass::Public),
            ("::", AddressClass::Unspecified),
            ("::1", AddressClass::Loopback),
            ("fe80::1", AddressClass::LinkLocal),
            ("febf::1", AddressClass::LinkLocal),
            ("fec0::1", AddressClass::Private),
            ("fc00::1", AddressClass::Private),
            ("fd12:3456::1", AddressClass::Private),
            ("ff02::1", AddressClass::Multicast),
            ("2001:db8::1", AddressClass::Reserved),
            ("3fff::1", AddressClass::Reserved),
            ("3fff:fff::1", AddressClass::Reserved),
            ("3fff:1000::1", AddressClass::Public),
            ("3ff0::1", AddressClass::Public),
            ("2001:30::1", AddressClass::Public),
            ("100::1", AddressClass::Reserved),
            ("2001:2::1", AddressClass::Reserved),
            ("2001:20::1", AddressClass::Reserved),
            ("64:ff9b:1::1", AddressClass::Private),
            // IPv4-mapped, in both spellings.
            ("::ffff:169.254.169.254", AddressClass::LinkLocal),
            ("::ffff:a9fe:a9fe", AddressClass::LinkLocal),
            ("::ffff:127.0.0.1", AddressClass::Loopback),
            ("::ffff:10.1.2.3", AddressClass::Private),
            ("::ffff:8.8.8.8", AddressClass::Public),
            // IPv4-compatible, NAT64 and 6to4.
            ("::127.0.0.1", AddressClass::Loopback),
            ("::10.0.0.1", AddressClass::Private),
            ("::5", AddressClass::Unspecified),
            ("::ffff:0:a9fe:a9fe", AddressClass::LinkLocal),
            ("0:1::1", AddressClass::Reserved),
            ("4000::1", AddressClass::Reserved),
            ("64:ff9b::a9fe:a9fe", AddressClass::LinkLocal),
            ("64:ff9b::808:808", AddressClass::Public),
            ("2002:a9fe:a9fe::1", AddressClass::LinkLocal),
            ("2002:7f00:1::", AddressClass::Loopback),
            ("2002:808:808::1", AddressClass::Public),
        ] {
            assert_eq!(class(ip), want, "{ip}");
        }
    }

    #[test]
    fn every_class_has_its_own_bit_and_name() {
        let mut bits = 0u16;
        for c in AddressClass::ALL {
            assert_eq!(bits & c.bit(), 0, "{c:?}");
            bits |= c.bit();
            assert!(!c.name().is_empty());
        }
        assert_eq!(bits.count_ones(), AddressClass::ALL.len() as u32);
    }
}

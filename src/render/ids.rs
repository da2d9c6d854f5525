//! Stable ids for machine-readable outputs: hashes of slugs and service ids, so they survive
//! rebuilds and reordering, and never depend on the clock or on chance.

/// FNV-1a, 64 bits: small, stable across Rust versions and platforms (unlike `DefaultHasher`),
/// and plenty for ids that only need to differ within one site.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        // A separator byte that cannot occur in UTF-8 keeps ("ab", "c") apart from ("a", "bc").
        let bytes = if i == 0 { &[][..] } else { &[0xff][..] };
        for byte in bytes.iter().chain(part.as_bytes()) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// A 12-character lowercase base-36 id, the shape of Statuspage's ids (`rhznvxg4v7yh`).
pub(super) fn short_id(kind: &str, key: &[&str]) -> String {
    const LEN: u32 = 12;
    let mut parts = vec![kind];
    parts.extend_from_slice(key);
    let mut n = fnv1a(&parts) % 36_u64.pow(LEN);
    let mut out = vec![b'0'; LEN as usize];
    for slot in out.iter_mut().rev() {
        *slot = b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize];
        n /= 36;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A deterministic `urn:uuid:` (RFC 9562 version 8, the "custom" version) for Atom ids of a
/// site without `base_url`: an absolute IRI that stays the same from build to build.
pub(super) fn urn_uuid(key: &[&str]) -> String {
    let high = fnv1a(&[&["statusgen-atom-a"], key].concat());
    let low = fnv1a(&[&["statusgen-atom-b"], key].concat());
    let high = (high & !0xf000) | 0x8000; // version 8
    let low = (low & !(0b11 << 62)) | (0b10 << 62); // RFC 9562 variant
    format!(
        "urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_look_like_statuspage_ids_and_are_stable() {
        let id = short_id("component", &["kakaotalk"]);
        assert_eq!(id.len(), 12);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
        );
        assert_eq!(id, short_id("component", &["kakaotalk"]));
        assert_ne!(id, short_id("component", &["daum"]));
        assert_ne!(id, short_id("group", &["kakaotalk"]));
        assert_ne!(short_id("x", &["ab", "c"]), short_id("x", &["a", "bc"]));
        // Pinned: a change here changes every published id.
        assert_eq!(fnv1a(&["a"]), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn urn_uuids_are_version_8() {
        let id = urn_uuid(&["Kakao", "feed.xml"]);
        assert_eq!(id, urn_uuid(&["Kakao", "feed.xml"]));
        assert_ne!(id, urn_uuid(&["Kakao", "incidents/x/"]));
        let uuid = id.strip_prefix("urn:uuid:").unwrap();
        let groups: Vec<&str> = uuid.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(groups[2].starts_with('8'), "{id}");
        assert!(matches!(&groups[3][..1], "8" | "9" | "a" | "b"), "{id}");
    }
}

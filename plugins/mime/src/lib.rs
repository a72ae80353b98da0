//! MIME sniffing and verification of the declared type.

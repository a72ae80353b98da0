//! facade placeholder

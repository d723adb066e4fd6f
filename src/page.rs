//! Sans-IO paging: given the request that was sent and the page that came
//! back, produce the next request or say the listing is done. The client,
//! C hosts and tests all page the same way, and the rules for the providers'
//! quirks (totals that are not multiples of the page size, short pages, a
//! page past the end, an empty fleet) live in one place per provider.

use crate::op::Operation;

/// An operation that lists one page of a longer listing.
pub trait Pager: Operation + Sized {
    /// The operation for the page after `last`, or `None` when `last` was
    /// the final page.
    fn next_page(&self, last: &Self::Output) -> Option<Self>;
}

/// Offset/limit paging (Huawei CPH lists): the next offset, or `None` when
/// done. A page with no items ends the listing even if the total says more
/// (the total can shrink while paging); a short page moves the offset by
/// what actually came back. Without a total (lists that report none), a
/// page shorter than `limit` is the last.
pub fn next_offset(
    offset: u32,
    limit: u32,
    items_returned: usize,
    total: Option<u64>,
) -> Option<u32> {
    if items_returned == 0 {
        return None;
    }
    let next = u64::from(offset) + items_returned as u64;
    match total {
        Some(total) if next >= total => None,
        None if (items_returned as u64) < u64::from(limit) => None,
        _ => u32::try_from(next).ok(),
    }
}

/// Page-number paging with a reported total (GeeLark lists; pages from 1):
/// the next page number, or `None` when done. An empty page, or a page whose
/// end reaches the total, ends the listing.
pub fn next_page_number(
    page: u32,
    page_size: u32,
    items_returned: usize,
    total: Option<u64>,
) -> Option<u32> {
    if items_returned == 0 || page_size == 0 {
        return None;
    }
    let seen = u64::from(page) * u64::from(page_size);
    match total {
        Some(total) if seen >= total => None,
        // A short page is the last one when no total says otherwise.
        None if (items_returned as u64) < u64::from(page_size) => None,
        _ => page.checked_add(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        // 250 phones in pages of 100.
        assert_eq!(next_offset(0, 100, 100, Some(250)), Some(100));
        assert_eq!(next_offset(100, 100, 100, Some(250)), Some(200));
        assert_eq!(next_offset(200, 100, 50, Some(250)), None);
        // Exactly a multiple.
        assert_eq!(next_offset(100, 100, 100, Some(200)), None);
        // Empty fleet, page past the end.
        assert_eq!(next_offset(0, 100, 0, Some(0)), None);
        assert_eq!(next_offset(300, 100, 0, Some(250)), None);
        // The server returns fewer than asked although more remain.
        assert_eq!(next_offset(0, 100, 60, Some(250)), Some(60));
        // No total: a full page asks for more, a short page is the last.
        assert_eq!(next_offset(0, 100, 100, None), Some(100));
        assert_eq!(next_offset(100, 100, 7, None), None);
    }

    #[test]
    fn page_numbers() {
        assert_eq!(next_page_number(1, 100, 100, Some(250)), Some(2));
        assert_eq!(next_page_number(3, 100, 50, Some(250)), None);
        assert_eq!(next_page_number(2, 100, 100, Some(200)), None);
        assert_eq!(next_page_number(1, 100, 0, Some(0)), None);
        assert_eq!(next_page_number(5, 100, 0, Some(250)), None);
        assert_eq!(next_page_number(1, 100, 60, Some(250)), Some(2));
        assert_eq!(next_page_number(1, 100, 60, None), None);
        assert_eq!(next_page_number(1, 100, 100, None), Some(2));
    }
}

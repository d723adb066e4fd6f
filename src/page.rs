//! Sans-IO paging: given the request that was sent and the page that came
//! back, produce the next request or say the listing is done. The client,
//! C hosts and tests all page the same way, and the rules for the providers'
//! quirks (totals that are not multiples of the page size, short pages, a
//! page past the end, an empty fleet) live in one place per provider.
//!
//! A server decides how long a listing is, so a walk over all pages is
//! bounded here too ([`PageGuard`]): a `total` that never ends, a page that
//! repeats, or a server that always says "more" stops with
//! [`Error::LimitExceeded`] naming the bound, instead of walking forever.

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};

use crate::error::{Error, Result, invalid};
use crate::op::Operation;

/// An operation that lists one page of a longer listing.
pub trait Pager: Operation + Sized {
    /// The operation for the page after `last`, or `None` when `last` was
    /// the final page.
    fn next_page(&self, last: &Self::Output) -> Option<Self>;

    /// Calls `each` with the id of every item on `page`, in order (an item
    /// without an id is passed as `None`). [`PageGuard`] uses the ids to see
    /// a page that adds nothing new — a server answering every offset with
    /// the same page. The default reports the page's items as having no ids,
    /// which leaves only the page and item counts to bound the walk.
    fn item_ids(page: &Self::Output, each: &mut dyn FnMut(Option<&str>)) {
        let _ = (page, each);
    }
}

/// Default [`PageLimits::max_pages`]: 1,000 pages. The largest page sizes
/// are 100 (GeeLark) and 200 (Huawei CPH lists); 1,000 pages is 100,000 to
/// 200,000 items, past any fleet one account holds (a CPH project is
/// limited to a few thousand phones), while a server that never ends is
/// stopped after at most 1,000 requests — a few minutes at worst, not hours.
pub const DEFAULT_MAX_PAGES: u32 = 1_000;

/// Default [`PageLimits::max_items`]: 100,000 items. At the 1–2 KB a phone
/// record takes in memory that is 100–200 MB at most, the ceiling a
/// listing may cost a caller that collects it; larger fleets raise it.
pub const DEFAULT_MAX_ITEMS: u64 = 100_000;

/// The bounds of one walk over all pages of a listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageLimits {
    max_pages: u32,
    max_items: u64,
}

impl Default for PageLimits {
    /// [`DEFAULT_MAX_PAGES`] and [`DEFAULT_MAX_ITEMS`].
    fn default() -> Self {
        PageLimits {
            max_pages: DEFAULT_MAX_PAGES,
            max_items: DEFAULT_MAX_ITEMS,
        }
    }
}

impl PageLimits {
    /// The default limits.
    pub fn new() -> Self {
        Self::default()
    }

    /// At most `n` pages are requested (at least 1; checked by
    /// [`validate`](Self::validate)). Page `n + 1` is not sent: the walk
    /// ends with [`Error::LimitExceeded`] `max_pages`.
    pub fn max_pages(mut self, n: u32) -> Self {
        self.max_pages = n;
        self
    }

    /// At most `n` items are yielded (at least 1). The page that would go
    /// beyond is not yielded: the walk ends with [`Error::LimitExceeded`]
    /// `max_items`.
    pub fn max_items(mut self, n: u64) -> Self {
        self.max_items = n;
        self
    }

    /// The page bound.
    pub fn pages(&self) -> u32 {
        self.max_pages
    }

    /// The item bound.
    pub fn items(&self) -> u64 {
        self.max_items
    }

    /// Refuses a bound of 0 (a walk that could not fetch the first page).
    pub fn validate(&self) -> Result<()> {
        if self.max_pages == 0 {
            return Err(invalid("max_pages", "must be at least 1"));
        }
        if self.max_items == 0 {
            return Err(invalid("max_items", "must be at least 1"));
        }
        Ok(())
    }
}

/// Guards one walk over the pages of a listing: feed it every page that
/// came back, and it gives the next operation to send, `None` at the normal
/// end (the provider's rules: reported total reached, empty or short page),
/// or an [`Error::LimitExceeded`] when the walk must stop early:
///
/// - `max_pages`: the listing wants more pages than [`PageLimits::max_pages`];
/// - `max_items`: a page would take the walk past [`PageLimits::max_items`];
/// - `no_progress`: a page whose items all have ids seen before (the server
///   repeats itself; the walk would never end).
///
/// Memory stays bounded: the guard keeps one 64-bit hash per distinct id
/// (at most `max_items` of them, about 16 bytes each), never the ids.
/// Hashes are keyed randomly per guard, so a server cannot forge a false
/// "no progress" by choosing colliding ids.
///
/// ```
/// use cloudphone::page::{PageGuard, PageLimits};
/// use cloudphone::geelark::{ListPhones, PhoneList};
/// # fn send(_: &ListPhones) -> cloudphone::Result<PhoneList> { unimplemented!() }
/// # fn run() -> cloudphone::Result<()> {
/// let mut guard = PageGuard::new(PageLimits::default().max_pages(50))?;
/// let mut op = ListPhones::new().page(1, 100)?;
/// loop {
///     let page = send(&op)?;             // the host's own HTTP stack
///     let next = guard.next(&op, &page); // a bound hit is a typed error
///     // ... use page, unless `next` is a max_items / no_progress error ...
///     match next? {
///         Some(n) => op = n,
///         None => break,
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct PageGuard {
    limits: PageLimits,
    pages: u32,
    items: u64,
    seen: HashSet<u64>,
    keys: RandomState,
}

impl PageGuard {
    /// A guard for a new walk; refuses limits of 0.
    pub fn new(limits: PageLimits) -> Result<Self> {
        limits.validate()?;
        Ok(PageGuard {
            limits,
            pages: 0,
            items: 0,
            seen: HashSet::new(),
            keys: RandomState::new(),
        })
    }

    /// Pages recorded so far.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// Items recorded so far.
    pub fn items(&self) -> u64 {
        self.items
    }

    /// Records the page `op` returned and decides what comes next: the
    /// operation for the next page, `None` when the listing is complete, or
    /// the bound that stops it. With `max_pages` the page itself is fine
    /// (it was within the bound; only the next one is not); with
    /// `max_items` it is the page that goes beyond (drop it to hold the
    /// bound), with `no_progress` a page with nothing new.
    pub fn next<O: Pager>(&mut self, op: &O, page: &O::Output) -> Result<Option<O>> {
        let mut ids = Vec::new();
        let mut without_id = 0usize;
        O::item_ids(page, &mut |id| match id {
            Some(id) => ids.push(self.keys.hash_one(id)),
            None => without_id += 1,
        });
        self.record(O::NAME, ids.len() + without_id, &ids, without_id > 0)?;
        match op.next_page(page) {
            None => Ok(None),
            Some(next) => {
                self.check_next_page(O::NAME)?;
                Ok(Some(next))
            }
        }
    }

    /// The counting step behind [`next`](Self::next): records a page of
    /// `items` items whose ids hash to `id_hashes` (`some_without_id` when
    /// some items had none, which counts as progress: they cannot be told
    /// apart, and the page and item bounds still hold).
    fn record(
        &mut self,
        operation: &'static str,
        items: usize,
        id_hashes: &[u64],
        some_without_id: bool,
    ) -> Result<()> {
        self.pages = self.pages.saturating_add(1);
        let total = self.items.saturating_add(items as u64);
        if total > self.limits.max_items {
            return Err(Error::LimitExceeded {
                operation,
                limit: "max_items",
                message: format!(
                    "the listing goes past {} items (page {} would bring it to {total}); raise max_items to list more",
                    self.limits.max_items, self.pages
                ),
            });
        }
        self.items = total;
        let mut fresh = some_without_id;
        for &h in id_hashes {
            fresh |= self.seen.insert(h);
        }
        if items > 0 && !fresh {
            return Err(Error::LimitExceeded {
                operation,
                limit: "no_progress",
                message: format!(
                    "page {} repeats only items already listed: the server does not advance",
                    self.pages
                ),
            });
        }
        Ok(())
    }

    fn check_next_page(&self, operation: &'static str) -> Result<()> {
        if self.pages >= self.limits.max_pages {
            return Err(Error::LimitExceeded {
                operation,
                limit: "max_pages",
                message: format!(
                    "the listing has more than {} pages ({} items so far); raise max_pages to list more",
                    self.limits.max_pages, self.items
                ),
            });
        }
        Ok(())
    }
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

/// Checks a page-number listing's request: pages from 1, 1 to `max` items
/// a page (GeeLark's lists).
pub(crate) fn check_page(page: u32, page_size: u32, max: u32) -> crate::error::Result<()> {
    if page == 0 {
        return Err(crate::error::invalid("page", "pages are numbered from 1"));
    }
    if page_size == 0 || page_size > max {
        return Err(crate::error::invalid(
            "page_size",
            format!("must be 1 to {max}"),
        ));
    }
    Ok(())
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

    const ENDLESS: &str = "test.endless";

    /// A listing that always says "more": page `n` holds the ids `make(n)`.
    struct Endless {
        page: u32,
        make: fn(u32) -> Vec<Option<String>>,
    }

    impl Operation for Endless {
        type Config = ();
        type Output = Vec<Option<String>>;
        // Not a real operation: named through a constant so the C ABI
        // catalogue (tests/ffi_catalog.rs) does not list it.
        const NAME: &'static str = ENDLESS;
        fn build(&self, _: &crate::op::Context<'_, ()>) -> Result<crate::http::Request> {
            unreachable!()
        }
        fn parse_unchecked(&self, _: &crate::http::Response) -> Result<Self::Output> {
            unreachable!()
        }
        fn is_idempotent(&self) -> bool {
            true
        }
    }

    impl Pager for Endless {
        fn next_page(&self, _: &Self::Output) -> Option<Self> {
            Some(Endless {
                page: self.page + 1,
                make: self.make,
            })
        }
        fn item_ids(page: &Self::Output, each: &mut dyn FnMut(Option<&str>)) {
            page.iter().for_each(|id| each(id.as_deref()));
        }
    }

    /// Walks until the guard stops; returns (pages fetched, error).
    fn walk(limits: PageLimits, make: fn(u32) -> Vec<Option<String>>) -> (u32, Error) {
        let mut guard = PageGuard::new(limits).unwrap();
        let mut op = Endless { page: 1, make };
        let mut fetched = 0;
        loop {
            let page = (op.make)(op.page);
            fetched += 1;
            match guard.next(&op, &page) {
                Ok(Some(n)) => op = n,
                Ok(None) => panic!("an endless listing ended"),
                Err(e) => return (fetched, e),
            }
        }
    }

    fn limit_of(e: &Error) -> &'static str {
        match e {
            Error::LimitExceeded {
                limit, operation, ..
            } => {
                assert_eq!(*operation, "test.endless");
                limit
            }
            other => panic!("not a limit: {other:?}"),
        }
    }

    fn fresh(n: u32) -> Vec<Option<String>> {
        (0..10).map(|i| Some(format!("{n}-{i}"))).collect()
    }

    #[test]
    fn guard_stops_endless_listings() {
        // Fresh ids forever: the page bound (page 4 is never fetched).
        let (n, e) = walk(PageLimits::default().max_pages(3), fresh);
        assert_eq!((n, limit_of(&e)), (3, "max_pages"));
        assert!(e.to_string().contains("more than 3 pages"), "{e}");
        // The item bound: page 3 would bring 30 > 25 items.
        let (n, e) = walk(PageLimits::default().max_items(25), fresh);
        assert_eq!((n, limit_of(&e)), (3, "max_items"));
        // Exactly at the bound is fine; one more page is not.
        let (n, e) = walk(PageLimits::default().max_items(30), fresh);
        assert_eq!((n, limit_of(&e)), (4, "max_items"));
        // The same page again: no progress on the second page.
        let (n, e) = walk(PageLimits::default(), |_| fresh(1));
        assert_eq!((n, limit_of(&e)), (2, "no_progress"));
        // Pages that overlap but add one new id each still progress.
        let (n, e) = walk(PageLimits::default().max_pages(50), |p| {
            (0..p).map(|i| Some(i.to_string())).collect()
        });
        assert_eq!((n, limit_of(&e)), (50, "max_pages"));
        // Items without ids cannot be told apart: the counts bound them.
        let (n, e) = walk(PageLimits::default(), |_| vec![None; 101]);
        assert_eq!((n, limit_of(&e)), (991, "max_items"));
        // The defaults hold for fresh ids of 10 a page.
        let (n, e) = walk(PageLimits::default(), fresh);
        assert_eq!((n, limit_of(&e)), (DEFAULT_MAX_PAGES, "max_pages"));
    }

    #[test]
    fn guard_memory_is_bounded_by_max_items() {
        let mut guard = PageGuard::new(PageLimits::default().max_items(1_000)).unwrap();
        let mut op = Endless {
            page: 1,
            make: fresh,
        };
        while let Ok(Some(n)) = guard.next(&op, &(op.make)(op.page)) {
            op = n;
        }
        assert!(guard.seen.len() <= 1_000, "{}", guard.seen.len());
        assert_eq!(guard.items(), 1_000);
    }

    #[test]
    fn guard_refuses_zero_limits_and_counts_empty_pages_as_no_stall() {
        for l in [
            PageLimits::default().max_pages(0),
            PageLimits::default().max_items(0),
        ] {
            let e = PageGuard::new(l).unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::InvalidInput);
        }
        let mut guard = PageGuard::new(PageLimits::default()).unwrap();
        let op = Endless {
            page: 1,
            make: |_| vec![],
        };
        assert!(guard.next(&op, &vec![]).unwrap().is_some());
        assert!(guard.next(&op, &vec![]).unwrap().is_some());
    }
}

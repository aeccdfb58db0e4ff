// SPDX-License-Identifier: GPL-2.0
/*
 * pfburst - the real-kernel lab's test module: it makes the buddy allocator
 * fail on purpose, as a network receive burst does, and counts what it did.
 *
 * Two things, driven from the guest's init script through debugfs
 * (/sys/kernel/debug/pfburst/ctl, one command per write):
 *
 *   hold PERCENT      take PERCENT of the free pages as order-0 unmovable
 *                     pages (GFP_NOWAIT: no reclaim, so never below the
 *                     min watermark), then give back
 *                     every page whose frame number is odd: a checkerboard
 *                     no reclaim or compaction can undo, since each free
 *                     page's buddy stays held
 *   unhold            give back what hold kept
 *   thin PATH         drop from the page cache every page of file PATH
 *                     whose frame number is odd: the cache that is left,
 *                     movable and on the LRU, lies between free single
 *                     pages, which only compaction can join again (the
 *                     lab's measure of compaction's rate)
 *   burst ORDER MODE PER_TICK TRIES MAX_FAILS
 *                     from a timer, so in softirq as a NIC's receive path,
 *                     allocate PER_TICK blocks of 2^ORDER pages each jiffy
 *                     with MODE (atomic: GFP_ATOMIC, nowait: GFP_NOWAIT,
 *                     dma32: GFP_ATOMIC|__GFP_DMA32), keeping them, until
 *                     TRIES attempts or MAX_FAILS failures; the write
 *                     returns when it ends, and every block is freed before
 *                     it does, so that fork() works again (order-1 page
 *                     tables) before the script goes on
 *
 * The counts of the last burst are read from /sys/kernel/debug/pfburst/result
 * and printed on the console as one "pfburst: result" line: the kernel
 * rate-limits its own reports, so the lab compares what the console shows
 * (printed plus "callbacks suppressed") with what failed here.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/vmalloc.h>
#include <linux/timer.h>
#include <linux/completion.h>
#include <linux/uaccess.h>
#include <linux/list.h>
#include <linux/fs.h>
#include <linux/pagemap.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pagefail lab: fragment memory and fail atomic bursts");

static struct dentry *pfb_dir;
static DEFINE_MUTEX(pfb_lock);

/* hold: pages kept, linked through page->lru (they are ours) */
static LIST_HEAD(pfb_held);
static unsigned long pfb_nr_held;

/* the burst in flight; the timer only touches these */
struct pfb_burst {
	struct timer_list timer;
	struct completion done;
	unsigned int order, per_tick;
	gfp_t gfp;
	const char *mode;
	unsigned long tries, max_fails;
	unsigned long attempts, allocs, fails, ticks, first_fail_tick;
	struct page **pages;
};
static struct pfb_burst pfb;
static char pfb_result[256];

static int pfb_hold(unsigned int percent)
{
	unsigned long want =
		global_zone_page_state(NR_FREE_PAGES) / 100 * percent;
	struct page *page, *next;
	unsigned long taken = 0, given = 0;

	/* no reclaim, no warning: only pages that are free now */
	while (taken < want) {
		page = alloc_page(GFP_NOWAIT | __GFP_NOWARN);
		if (!page)
			break;
		list_add(&page->lru, &pfb_held);
		taken++;
		if (!(taken & 1023))
			cond_resched();
	}
	list_for_each_entry_safe(page, next, &pfb_held, lru)
	{
		if (page_to_pfn(page) & 1) {
			list_del(&page->lru);
			__free_page(page);
			given++;
		}
	}
	pfb_nr_held += taken - given;
	pr_info("pfburst: hold took %lu pages, gave back %lu, holds %lu\n",
		taken, given, pfb_nr_held);
	return 0;
}

static void pfb_unhold(void)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, &pfb_held, lru)
	{
		list_del(&page->lru);
		__free_page(page);
	}
	pr_info("pfburst: unhold gave back %lu pages\n", pfb_nr_held);
	pfb_nr_held = 0;
}

static int pfb_thin(const char *path)
{
	struct address_space *mapping;
	unsigned long dropped = 0, kept = 0;
	struct file *file;
	pgoff_t index, end;
	struct page *page;
	bool odd;

	file = filp_open(path, O_RDONLY | O_LARGEFILE, 0);
	if (IS_ERR(file))
		return PTR_ERR(file);
	mapping = file->f_mapping;
	end = DIV_ROUND_UP(i_size_read(mapping->host), PAGE_SIZE);
	for (index = 0; index < end; index++) {
		page = find_get_page(mapping, index);
		if (!page)
			continue;
		odd = page_to_pfn(page) & 1;
		put_page(page);
		if (odd && invalidate_mapping_pages(mapping, index, index))
			dropped++;
		else
			kept++;
		if (!(index & 1023))
			cond_resched();
	}
	filp_close(file, NULL);
	pr_info("pfburst: thin dropped %lu cached pages, kept %lu\n", dropped,
		kept);
	return 0;
}

static void pfb_tick(struct timer_list *t)
{
	struct page *page;
	unsigned int i;

	pfb.ticks++;
	for (i = 0; i < pfb.per_tick && pfb.attempts < pfb.tries; i++) {
		pfb.attempts++;
		page = alloc_pages(pfb.gfp, pfb.order);
		if (page) {
			pfb.pages[pfb.allocs++] = page;
			continue;
		}
		if (!pfb.fails++)
			pfb.first_fail_tick = pfb.ticks;
		if (pfb.fails >= pfb.max_fails)
			break;
	}
	if (pfb.attempts >= pfb.tries || pfb.fails >= pfb.max_fails)
		complete(&pfb.done);
	else
		mod_timer(&pfb.timer, jiffies + 1);
}

static int pfb_mode(const char *mode)
{
	if (!strcmp(mode, "atomic"))
		pfb.gfp = GFP_ATOMIC;
	else if (!strcmp(mode, "nowait"))
		pfb.gfp = GFP_NOWAIT;
	else if (!strcmp(mode, "dma32"))
		pfb.gfp = GFP_ATOMIC | __GFP_DMA32;
	else
		return -EINVAL;
	pfb.mode = mode[0] == 'a'   ? "atomic"
		   : mode[0] == 'n' ? "nowait"
				    : "dma32";
	return 0;
}

static int pfb_burst(unsigned int order, const char *mode,
		     unsigned int per_tick, unsigned long tries,
		     unsigned long max_fails)
{
	unsigned long i;

	if (order > 10 || !per_tick || !tries || !max_fails ||
	    tries > (1UL << 22) || pfb_mode(mode))
		return -EINVAL;
	pfb.pages = vmalloc(array_size(tries, sizeof(*pfb.pages)));
	if (!pfb.pages)
		return -ENOMEM;
	pfb.order = order;
	pfb.per_tick = per_tick;
	pfb.tries = tries;
	pfb.max_fails = max_fails;
	pfb.attempts = pfb.allocs = pfb.fails = pfb.ticks = 0;
	pfb.first_fail_tick = 0;
	init_completion(&pfb.done);
	timer_setup(&pfb.timer, pfb_tick, 0);
	mod_timer(&pfb.timer, jiffies + 1);
	wait_for_completion(&pfb.done);
	del_timer_sync(&pfb.timer);

	for (i = 0; i < pfb.allocs; i++)
		__free_pages(pfb.pages[i], order);
	vfree(pfb.pages);
	pfb.pages = NULL;
	snprintf(
		pfb_result, sizeof(pfb_result),
		"order=%u mode=%s gfp=%#x per_tick=%u attempts=%lu allocs=%lu fails=%lu ticks=%lu first_fail_tick=%lu held=%lu\n",
		order, pfb.mode, (unsigned int)pfb.gfp, per_tick, pfb.attempts,
		pfb.allocs, pfb.fails, pfb.ticks, pfb.first_fail_tick,
		pfb_nr_held);
	pr_info("pfburst: result %s", pfb_result);
	return 0;
}

static ssize_t pfb_ctl_write(struct file *file, const char __user *ubuf,
			     size_t len, loff_t *ppos)
{
	char buf[128], mode[16], path[100];
	unsigned int a, c;
	unsigned long d, e;
	int err = -EINVAL;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';

	mutex_lock(&pfb_lock);
	if (sscanf(buf, "hold %u", &a) == 1 && a <= 100)
		err = pfb_hold(a);
	else if (!strncmp(buf, "unhold", 6)) {
		pfb_unhold();
		err = 0;
	} else if (sscanf(buf, "thin %99s", path) == 1) {
		err = pfb_thin(path);
	} else if (sscanf(buf, "burst %u %15s %u %lu %lu", &a, mode, &c, &d,
			  &e) == 5)
		err = pfb_burst(a, mode, c, d, e);
	mutex_unlock(&pfb_lock);
	return err ? err : len;
}

static ssize_t pfb_result_read(struct file *file, char __user *ubuf, size_t len,
			       loff_t *ppos)
{
	return simple_read_from_buffer(ubuf, len, ppos, pfb_result,
				       strlen(pfb_result));
}

static const struct file_operations pfb_ctl_fops = {
	.owner = THIS_MODULE,
	.write = pfb_ctl_write,
};

static const struct file_operations pfb_result_fops = {
	.owner = THIS_MODULE,
	.read = pfb_result_read,
};

static int __init pfb_init(void)
{
	pfb_dir = debugfs_create_dir("pfburst", NULL);
	debugfs_create_file("ctl", 0200, pfb_dir, NULL, &pfb_ctl_fops);
	debugfs_create_file("result", 0400, pfb_dir, NULL, &pfb_result_fops);
	return 0;
}

static void __exit pfb_exit(void)
{
	debugfs_remove_recursive(pfb_dir);
	mutex_lock(&pfb_lock);
	pfb_unhold();
	mutex_unlock(&pfb_lock);
}

module_init(pfb_init);
module_exit(pfb_exit);

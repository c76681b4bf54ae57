/* Minimal rtnetlink client: one request at a time, each acknowledged (NLM_F_ACK) so every failure
 * is reported with the kernel's errno. */
#include "netlink.h"
#include "util.h"
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct req {
	struct nlmsghdr nh;
	char body[512];
};

static void *tail(struct req *r)
{
	return (char *)r + NLMSG_ALIGN(r->nh.nlmsg_len);
}

static void add_attr(struct req *r, unsigned short type, const void *data, size_t len)
{
	struct rtattr *a = tail(r);
	a->rta_type = type;
	a->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(a), data, len);
	r->nh.nlmsg_len = NLMSG_ALIGN(r->nh.nlmsg_len) + RTA_ALIGN(a->rta_len);
}

/* Sends r and waits for its ack; returns 0 or the negative errno from the kernel. */
static int talk(int fd, struct req *r)
{
	static unsigned seq;
	char buf[1024];
	r->nh.nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	r->nh.nlmsg_seq = ++seq;
	if (send(fd, r, r->nh.nlmsg_len, 0) < 0)
		return -errno;
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof buf, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n))
			if (h->nlmsg_seq == seq && h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
	}
}

static void init_req(struct req *r, unsigned short type, unsigned short flags, size_t hdr)
{
	memset(r, 0, sizeof *r);
	r->nh.nlmsg_len = NLMSG_LENGTH(hdr);
	r->nh.nlmsg_type = type;
	r->nh.nlmsg_flags = flags;
}

static void link_up(int fd, int idx, int mtu, const char *name)
{
	struct req r;
	init_req(&r, RTM_NEWLINK, 0, sizeof(struct ifinfomsg));
	struct ifinfomsg *ifi = NLMSG_DATA(&r.nh);
	ifi->ifi_index = idx;
	ifi->ifi_flags = ifi->ifi_change = IFF_UP;
	if (mtu > 0) {
		unsigned m = (unsigned)mtu;
		add_attr(&r, IFLA_MTU, &m, sizeof m);
	}
	if ((errno = -talk(fd, &r)))
		die("network", "RTM_NEWLINK %s up (mtu %d)", name, mtu);
}

/* Parses an IPv4 or IPv6 literal; returns its family, 0 if invalid. */
static int parse_ip(const char *s, unsigned char out[16])
{
	if (inet_pton(AF_INET, s, out) == 1)
		return AF_INET;
	if (inet_pton(AF_INET6, s, out) == 1)
		return AF_INET6;
	return 0;
}

void net_setup(const struct spec *s)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		die("network", "socket(AF_NETLINK)");
	link_up(fd, 1, 0, "lo"); /* lo is always ifindex 1 in a fresh network namespace */
	if (!s->net || strcmp(s->net, "veth") != 0) {
		close(fd);
		return;
	}
	unsigned char addr[16], gw[16];
	int fam = parse_ip(s->net_addr, addr), idx = (int)if_nametoindex(s->net_ifname);
	if (!idx)
		die("network", "interface %s (if_nametoindex)", s->net_ifname);
	if (!fam)
		die_exact("network", EINVAL, "invalid net_addr %s", s->net_addr);
	size_t alen = fam == AF_INET ? 4 : 16;

	struct req r;
	init_req(&r, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, sizeof(struct ifaddrmsg));
	struct ifaddrmsg *ifa = NLMSG_DATA(&r.nh);
	ifa->ifa_family = (unsigned char)fam;
	ifa->ifa_prefixlen = (unsigned char)s->net_prefix;
	ifa->ifa_index = (unsigned)idx;
	add_attr(&r, IFA_LOCAL, addr, alen);
	add_attr(&r, IFA_ADDRESS, addr, alen);
	if ((errno = -talk(fd, &r)))
		die("network", "RTM_NEWADDR %s/%d on %s", s->net_addr, s->net_prefix, s->net_ifname);

	link_up(fd, idx, s->net_mtu, s->net_ifname);

	if (s->net_gw && *s->net_gw) {
		int gfam = parse_ip(s->net_gw, gw);
		if (gfam != fam)
			die_exact("network", EINVAL, "invalid net_gw %s", s->net_gw);
		init_req(&r, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, sizeof(struct rtmsg));
		struct rtmsg *rt = NLMSG_DATA(&r.nh);
		rt->rtm_family = (unsigned char)fam;
		rt->rtm_table = RT_TABLE_MAIN;
		rt->rtm_protocol = RTPROT_BOOT;
		rt->rtm_scope = RT_SCOPE_UNIVERSE;
		rt->rtm_type = RTN_UNICAST;
		add_attr(&r, RTA_GATEWAY, gw, alen);
		add_attr(&r, RTA_OIF, &idx, sizeof idx);
		if ((errno = -talk(fd, &r)))
			die("network", "RTM_NEWROUTE default via %s dev %s", s->net_gw, s->net_ifname);
	}
	close(fd);
}

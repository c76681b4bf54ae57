/* In-sandbox network configuration over rtnetlink (no `ip` binary in the sandbox). */
#ifndef NSBOX_NETLINK_H
#define NSBOX_NETLINK_H
#include "spec.h"
/* Brings lo up (all net=user needs: slirp4netns configures its tap); with net=veth configures
 * net_ifname (address, MTU, up, default route via net_gw). */
void net_setup(const struct spec *s);
#endif

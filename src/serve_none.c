// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * serve_none.c - pagefail serve in a build without libmicrohttpd
 * (-DPF_MHD=OFF, or AUTO and not found): one line says so.
 */
#include "cli.h"

int cmd_serve(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_err(false, NULL,
		"serve: this pagefail was built without libmicrohttpd "
		"(libmicrohttpd-dev gives it); pagefail export "
		"--textfile DIR feeds node_exporter instead");
	return CLI_EXIT_ERROR;
}

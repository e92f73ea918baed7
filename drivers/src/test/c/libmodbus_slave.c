/*
 * An independent Modbus TCP slave for MotionUA's driver tests, on libmodbus.
 * Usage: libmodbus_slave  (binds 127.0.0.1 on an ephemeral port, prints "port N", serves forever)
 * Holding and input registers 0..99: register i holds 1000 + i, except
 *   10..11 = 0x1122 0x3344 (an int32 high word first), 20..21 = 0x3344 0x1122 (word-swapped),
 *   30..33 = 0x0102 0x0304 0x0506 0x0708 (an int64).
 * Coils 0..9 start off. Addresses from 100 (coils: 10) on answer exception 02.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
  modbus_t *ctx = modbus_new_tcp("127.0.0.1", 0);
  modbus_mapping_t *map = modbus_mapping_new(10, 0, 100, 100);
  if (ctx == NULL || map == NULL) {
    fprintf(stderr, "libmodbus setup failed\n");
    return 1;
  }
  for (int i = 0; i < 100; i++) {
    map->tab_registers[i] = 1000 + i;
    map->tab_input_registers[i] = 1000 + i;
  }
  map->tab_registers[10] = 0x1122;
  map->tab_registers[11] = 0x3344;
  map->tab_registers[20] = 0x3344;
  map->tab_registers[21] = 0x1122;
  for (int i = 0; i < 4; i++) {
    map->tab_registers[30 + i] = (uint16_t)(((2 * i + 1) << 8) | (2 * i + 2));
  }
  int server = modbus_tcp_listen(ctx, 1);
  struct sockaddr_in addr;
  socklen_t len = sizeof addr;
  if (server < 0 || getsockname(server, (struct sockaddr *)&addr, &len) != 0) {
    fprintf(stderr, "listen failed: %s\n", modbus_strerror(errno));
    return 1;
  }
  printf("port %d\n", ntohs(addr.sin_port));
  fflush(stdout);
  for (;;) {
    modbus_tcp_accept(ctx, &server);
    uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
    for (;;) {
      int n = modbus_receive(ctx, query);
      if (n > 0) {
        modbus_reply(ctx, query, n, map);
      } else if (n == -1) {
        break; /* the client went away: accept the next one */
      }
    }
    modbus_close(ctx);
  }
}

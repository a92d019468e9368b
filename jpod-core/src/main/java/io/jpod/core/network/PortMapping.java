package io.jpod.core.network;

/**
 * One published port range, in netavark's shape: host ports {@code hostPort..hostPort+range-1} forward
 * to container ports {@code containerPort..containerPort+range-1}.
 *
 * @param hostIp the host address to listen on, empty for all
 * @param containerPort the first container port
 * @param hostPort the first host port (never 0 once resolved: random ports are picked at create)
 * @param range how many consecutive ports (at least 1)
 * @param protocol tcp, udp or sctp (one protocol per mapping)
 */
public record PortMapping(String hostIp, int containerPort, int hostPort, int range, String protocol) {}

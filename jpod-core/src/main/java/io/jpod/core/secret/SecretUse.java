package io.jpod.core.secret;

/**
 * One secret a container uses ({@code --secret}), resolved at create.
 *
 * @param name the secret's name when the container was created
 * @param id the secret's id (secrets can be recreated under the same name)
 * @param type "mount" (a file under /run/secrets) or "env" (an environment variable)
 * @param target the file name or path (mount) or the variable's name (env)
 * @param uid owner of the mounted file
 * @param gid group of the mounted file
 * @param mode permission bits of the mounted file
 */
public record SecretUse(String name, String id, String type, String target, int uid, int gid, int mode) {}

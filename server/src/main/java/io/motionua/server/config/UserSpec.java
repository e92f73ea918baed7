package io.motionua.server.config;

/**
 * One user who may open a session.
 *
 * @param name the user name clients send
 * @param passwordHash a bcrypt hash ({@code $2b$10$...}) as {@code motionua passwd} prints it;
 *     never the password itself
 * @param role {@code viewer}, {@code operator}, {@code engineer} or {@code admin}
 */
public record UserSpec(String name, String passwordHash, String role) {}

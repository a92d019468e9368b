package io.jpod.cli.format;

import java.util.List;

/** The parsed form of a Go template: a tree of text, actions and control structures. */
sealed interface TemplateNode {
  /** A sequence of nodes. */
  record Seq(List<TemplateNode> nodes) implements TemplateNode {}

  /** Literal text copied to the output. */
  record Text(String text) implements TemplateNode {}

  /** {@code {{pipeline}}}: evaluates and prints (unless it declares variables). */
  record Action(Pipe pipe) implements TemplateNode {}

  /** {@code {{if}}}; {@code otherwise} is null without an else branch. */
  record If(Pipe pipe, Seq then, Seq otherwise) implements TemplateNode {}

  /** {@code {{range}}}; {@code otherwise} runs when there is nothing to iterate. */
  record Range(Pipe pipe, Seq body, Seq otherwise) implements TemplateNode {}

  /** {@code {{with}}}. */
  record With(Pipe pipe, Seq body, Seq otherwise) implements TemplateNode {}

  /** {@code {{break}}} inside a range. */
  record Break(int pos) implements TemplateNode {}

  /** {@code {{continue}}} inside a range. */
  record Continue(int pos) implements TemplateNode {}

  /** A pipeline: optional variable declaration, then commands joined by '|'. */
  record Pipe(List<String> vars, List<Cmd> cmds, int pos, String text) {}

  /** One command: a function name and its arguments, or a single operand. */
  record Cmd(List<Operand> args, int pos) {}

  /** An operand inside a command. */
  sealed interface Operand {
    int pos();
  }

  /** {@code .A.B}: fields relative to dot. */
  record Field(List<String> path, int pos) implements Operand {}

  /** {@code .} itself. */
  record Dot(int pos) implements Operand {}

  /** {@code $x.A.B}, {@code $}. */
  record Var(String name, List<String> path, int pos) implements Operand {}

  /** A string, number, bool or nil literal. */
  record Literal(Object value, int pos) implements Operand {}

  /** A function name. */
  record Ident(String name, int pos) implements Operand {}

  /** {@code (pipeline).A.B}. */
  record Sub(Pipe pipe, List<String> path, int pos) implements Operand {}
}

(** §C of claims.md, lemma2: x_n ≤ a + b·x_{n−1} for all n ⇒ x_n ≤ x_0 bⁿ + a(1 − bⁿ)/(1 − b).
    True for b ≥ 0, b ≠ 1 (with no sign condition on a or x); for b = 1 the bound is x_0 + n·a;
    for b < 0 it fails (a counterexample). The printed lemma states neither condition. *)
From Coq Require Import Reals Lra.
Open Scope R_scope.

(** The corrected Lemma 2, by induction on n. *)
Theorem lemma2_corrected : forall (x : nat -> R) (a b : R), 0 <= b -> b <> 1 ->
  (forall k, x (S k) <= a + b * x k) ->
  forall n, x n <= x 0%nat * b ^ n + a * (1 - b ^ n) / (1 - b).
Proof.
  intros x a b Hb Hb1 Hrec n. assert (Hd : 1 - b <> 0) by lra.
  induction n as [ | n IH].
  - simpl. replace (a * (1 - 1) / (1 - b)) with 0 by (field; exact Hd). lra.
  - apply Rle_trans with (a + b * x n); [apply Hrec | ].
    apply Rle_trans with (a + b * (x 0%nat * b ^ n + a * (1 - b ^ n) / (1 - b))).
    + apply Rplus_le_compat_l, Rmult_le_compat_l; assumption.
    + simpl. right. field. exact Hd.
Qed.

(** The b = 1 case: x_n ≤ x_0 + n·a. *)
Theorem lemma2_b_one : forall (x : nat -> R) (a : R),
  (forall k, x (S k) <= a + x k) -> forall n, x n <= x 0%nat + INR n * a.
Proof.
  intros x a Hrec n. induction n as [ | n IH].
  - simpl. lra.
  - rewrite S_INR. specialize (Hrec n). lra.
Qed.

(** For b < 0 the lemma fails: b = −1, a = 0, x = 1, −10, 10, −10, … meets the recursion, and
    x_2 = 10 exceeds the bound x_0 b² = 1. *)
Theorem lemma2_fails_for_negative_b : exists (x : nat -> R) (a b : R),
  b < 0 /\ (forall k, x (S k) <= a + b * x k) /\
  x 0%nat * b ^ 2 + a * (1 - b ^ 2) / (1 - b) < x 2%nat.
Proof.
  exists (fun k => match k with O => 1 | _ => 10 * (-1) ^ k end), 0, (-1).
  split; [lra | split].
  - intros [ | k]; simpl; [lra | ]. destruct k; simpl; lra.
  - simpl. lra.
Qed.

(** §A of claims.md, drift-limit: with s = A²/n, n(κ_n − 2A²/3)/A⁴ = P₂(s) := (m(√s) − 2s/3)/s²,
    and 1/15 < P₂(s), (1 − s/28)·P₂(s) < 1/15: κ_n − 2A²/3 is of order 1/n, not only n^{−1/2}. *)
From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
From Interval Require Import Tactic.
From Formal Require Import Defs.
Open Scope R_scope.

Definition P2 (s : R) : R := (m (sqrt s) - 2 * s / 3) / s ^ 2.

(** cosh a > 1 + a²/2 for a > 0: the difference has derivative sinh a − a > 0. *)
Lemma cosh_gt_2 (a : R) : 0 < a -> 1 + a ^ 2 / 2 < cosh a.
Proof.
  intros Ha. enough (0 < cosh a - 1 - a ^ 2 / 2) by lra.
  apply (pos_of_deriv_all (fun y => cosh y - 1 - y ^ 2 / 2) (fun y => sinh y - y)); auto.
  - intros y _. unfold cosh, sinh. auto_derive; [easy | field].
  - intros y Hy. pose proof (sinh_gt y Hy). lra.
  - cbv beta. rewrite cosh_0. field.
Qed.

(** sinh a > a + a³/6 for a > 0: the difference has derivative cosh a − 1 − a²/2 > 0. *)
Lemma sinh_gt_3 (a : R) : 0 < a -> a + a ^ 3 / 6 < sinh a.
Proof.
  intros Ha. enough (0 < sinh a - a - a ^ 3 / 6) by lra.
  apply (pos_of_deriv_all (fun y => sinh y - y - y ^ 3 / 6) (fun y => cosh y - 1 - y ^ 2 / 2)); auto.
  - intros y _. unfold cosh, sinh. auto_derive; [easy | field].
  - intros y Hy. pose proof (cosh_gt_2 y Hy). lra.
  - cbv beta. rewrite sinh_0. field.
Qed.

(** a cosh a − sinh a > a³/3 + a⁵/30 for a > 0: the derivative of the difference is
    a(sinh a − a − a³/6) > 0. *)
Lemma acosh_minus_sinh_gt_5 (a : R) : 0 < a -> a ^ 3 / 3 + a ^ 5 / 30 < a * cosh a - sinh a.
Proof.
  intros Ha. enough (0 < a * cosh a - sinh a - a ^ 3 / 3 - a ^ 5 / 30) by lra.
  apply (pos_of_deriv_all (fun y => y * cosh y - sinh y - y ^ 3 / 3 - y ^ 5 / 30)
                          (fun y => y * (sinh y - y - y ^ 3 / 6))); auto.
  - intros y _. unfold cosh, sinh. auto_derive; [easy | field].
  - intros y Hy. pose proof (sinh_gt_3 y Hy). apply Rmult_lt_0_compat; lra.
  - cbv beta. rewrite cosh_0, sinh_0. field.
Qed.

(** drift-limit, the lower bound, for every s > 0 (the prover's drift-lower is [2^−6, 25]). *)
Theorem drift_lower : forall s : R, 0 < s -> 1 / 15 < P2 s.
Proof.
  intros s Hs. unfold P2, m.
  set (a := sqrt s). assert (Ha : 0 < a) by (apply sqrt_lt_R0; lra).
  assert (E : s = a ^ 2) by (unfold a; simpl; rewrite Rmult_1_r, sqrt_sqrt; lra).
  rewrite E. pose proof (acosh_minus_sinh_gt_5 a Ha).
  assert (0 < a ^ 4) by (apply pow_lt; lra).
  apply lt_div. apply pow_lt, pow_lt, Ha.
  apply (Rmult_lt_reg_r a); auto.
  replace ((2 * cosh a - 2 * sinh a / a - 2 * a ^ 2 / 3) * a)
    with (2 * (a * cosh a - sinh a) - 2 * a ^ 3 / 3) by (field; lra).
  replace (1 / 15 * (a ^ 2) ^ 2 * a) with (2 * (a ^ 5 / 30)) by field.
  lra.
Qed.

(** The upper bound near s = 0, by hand. On (0, 1/8] a chain of monotone differences bounds
    sinh and cosh above by their Taylor polynomials plus a margin, ending in
    a cosh a − sinh a < a³/3 + a⁵/30 + a⁷/840 + a⁹/40000, i.e.
    m(a) − 2a²/3 < a⁴/15 + a⁶/420 + a⁸/20000; the a⁶ terms cancel against (1 − a²/28) and
    1/20000 < 1/(28·420) closes the bound. *)
Definition small (a : R) := 0 < a <= 1 / 8.

Ltac chain_step g dg :=
  apply (pos_of_deriv g dg (1 / 8));
  [ intros y _; unfold cosh, sinh; auto_derive; [easy | field]
  | | cbv beta; rewrite ?cosh_0, ?sinh_0; field ].

Lemma cosh_small (a : R) : 0 <= a <= 1 / 8 -> cosh a < 1134 / 1000.
Proof. intros Ha. unfold cosh. interval. Qed.

Lemma small_6 (a : R) : small a -> sinh a < 1134 / 1000 * a.
Proof.
  intros Ha. enough (0 < 1134 / 1000 * a - sinh a) by lra. revert a Ha.
  chain_step (fun y => 1134 / 1000 * y - sinh y) (fun y => 1134 / 1000 - cosh y).
  intros y Hy. pose proof (cosh_small y). lra.
Qed.

Lemma small_5 (a : R) : small a -> cosh a < 1 + 567 / 1000 * a ^ 2.
Proof.
  intros Ha. enough (0 < 1 + 567 / 1000 * a ^ 2 - cosh a) by lra. revert a Ha.
  chain_step (fun y => 1 + 567 / 1000 * y ^ 2 - cosh y) (fun y => 1134 / 1000 * y - sinh y).
  intros y Hy. pose proof (small_6 y Hy). lra.
Qed.

Lemma small_4 (a : R) : small a -> sinh a < a + 189 / 1000 * a ^ 3.
Proof.
  intros Ha. enough (0 < a + 189 / 1000 * a ^ 3 - sinh a) by lra. revert a Ha.
  chain_step (fun y => y + 189 / 1000 * y ^ 3 - sinh y) (fun y => 1 + 567 / 1000 * y ^ 2 - cosh y).
  intros y Hy. pose proof (small_5 y Hy). lra.
Qed.

Lemma small_3 (a : R) : small a -> cosh a < 1 + a ^ 2 / 2 + 189 / 4000 * a ^ 4.
Proof.
  intros Ha. enough (0 < 1 + a ^ 2 / 2 + 189 / 4000 * a ^ 4 - cosh a) by lra. revert a Ha.
  chain_step (fun y => 1 + y ^ 2 / 2 + 189 / 4000 * y ^ 4 - cosh y)
             (fun y => y + 189 / 1000 * y ^ 3 - sinh y).
  intros y Hy. pose proof (small_4 y Hy). lra.
Qed.

Lemma small_2 (a : R) : small a -> sinh a < a + a ^ 3 / 6 + 189 / 20000 * a ^ 5.
Proof.
  intros Ha. enough (0 < a + a ^ 3 / 6 + 189 / 20000 * a ^ 5 - sinh a) by lra. revert a Ha.
  chain_step (fun y => y + y ^ 3 / 6 + 189 / 20000 * y ^ 5 - sinh y)
             (fun y => 1 + y ^ 2 / 2 + 189 / 4000 * y ^ 4 - cosh y).
  intros y Hy. pose proof (small_3 y Hy). lra.
Qed.

Lemma small_1 (a : R) : small a -> cosh a < 1 + a ^ 2 / 2 + a ^ 4 / 24 + 63 / 40000 * a ^ 6.
Proof.
  intros Ha. enough (0 < 1 + a ^ 2 / 2 + a ^ 4 / 24 + 63 / 40000 * a ^ 6 - cosh a) by lra. revert a Ha.
  chain_step (fun y => 1 + y ^ 2 / 2 + y ^ 4 / 24 + 63 / 40000 * y ^ 6 - cosh y)
             (fun y => y + y ^ 3 / 6 + 189 / 20000 * y ^ 5 - sinh y).
  intros y Hy. pose proof (small_2 y Hy). lra.
Qed.

Lemma small_0 (a : R) : small a -> sinh a < a + a ^ 3 / 6 + a ^ 5 / 120 + 9 / 40000 * a ^ 7.
Proof.
  intros Ha. enough (0 < a + a ^ 3 / 6 + a ^ 5 / 120 + 9 / 40000 * a ^ 7 - sinh a) by lra. revert a Ha.
  chain_step (fun y => y + y ^ 3 / 6 + y ^ 5 / 120 + 9 / 40000 * y ^ 7 - sinh y)
             (fun y => 1 + y ^ 2 / 2 + y ^ 4 / 24 + 63 / 40000 * y ^ 6 - cosh y).
  intros y Hy. pose proof (small_1 y Hy). lra.
Qed.

Lemma acosh_minus_sinh_small (a : R) : small a ->
  a * cosh a - sinh a < a ^ 3 / 3 + a ^ 5 / 30 + a ^ 7 / 840 + a ^ 9 / 40000.
Proof.
  intros Ha. enough (0 < a ^ 3 / 3 + a ^ 5 / 30 + a ^ 7 / 840 + a ^ 9 / 40000 - (a * cosh a - sinh a)) by lra.
  revert a Ha.
  chain_step (fun y => y ^ 3 / 3 + y ^ 5 / 30 + y ^ 7 / 840 + y ^ 9 / 40000 - (y * cosh y - sinh y))
             (fun y => y * (y + y ^ 3 / 6 + y ^ 5 / 120 + 9 / 40000 * y ^ 7 - sinh y)).
  intros y Hy. pose proof (small_0 y Hy). apply Rmult_lt_0_compat; [apply Hy | lra].
Qed.

(** (1 − a²/28)(m(a) − 2a²/3) < a⁴/15 on (0, 1/8]. *)
Lemma drift_upper_small_a (a : R) : small a ->
  (1 - a ^ 2 / 28) * ((2 * cosh a - 2 * sinh a / a - 2 * a ^ 2 / 3) / a ^ 4) < 1 / 15.
Proof.
  intros Ha. pose proof (acosh_minus_sinh_small a Ha). destruct Ha as [Ha0 Ha1].
  assert (0 < a ^ 4) by (apply pow_lt; lra).
  assert (0 < a ^ 8) by (apply pow_lt; lra).
  assert (0 < a ^ 10) by (apply pow_lt; lra).
  assert (D : 0 < 1 - a ^ 2 / 28) by (assert (a ^ 2 <= 1 / 64) by (simpl; nra); lra).
  assert (E : 2 * cosh a - 2 * sinh a / a - 2 * a ^ 2 / 3 = 2 * (a * cosh a - sinh a) / a - 2 * a ^ 2 / 3)
    by (field; lra).
  assert (Hm : 2 * cosh a - 2 * sinh a / a - 2 * a ^ 2 / 3 < a ^ 4 / 15 + a ^ 6 / 420 + a ^ 8 / 20000).
  { rewrite E. apply Rlt_le_trans with (2 * (a ^ 3 / 3 + a ^ 5 / 30 + a ^ 7 / 840 + a ^ 9 / 40000) / a - 2 * a ^ 2 / 3).
    - apply Rplus_lt_compat_r. unfold Rdiv. apply Rmult_lt_compat_r. apply Rinv_0_lt_compat; lra. lra.
    - right. field. lra. }
  set (X := 2 * cosh a - 2 * sinh a / a - 2 * a ^ 2 / 3) in *.
  replace ((1 - a ^ 2 / 28) * (X / a ^ 4)) with ((1 - a ^ 2 / 28) * X / a ^ 4) by (field; lra).
  apply div_lt; [lra | ].
  apply Rlt_le_trans with ((1 - a ^ 2 / 28) * (a ^ 4 / 15 + a ^ 6 / 420 + a ^ 8 / 20000)).
  - apply Rmult_lt_compat_l; lra.
  - replace ((1 - a ^ 2 / 28) * (a ^ 4 / 15 + a ^ 6 / 420 + a ^ 8 / 20000))
      with (1 / 15 * a ^ 4 - (1 / 11760 - 1 / 20000) * a ^ 8 - a ^ 10 / 560000) by field.
    lra.
Qed.

(** drift-limit, the upper bound on s ∈ [1/64, 25], by Interval's tactic, in a = √s ∈ [1/8, 5]. *)
Lemma drift_upper_a (a : R) : 1 / 8 <= a <= 5 ->
  (1 - a ^ 2 / 28) * ((2 * cosh a - 2 * sinh a / a - 2 * a ^ 2 / 3) / a ^ 4) < 1 / 15.
Proof.
  intros Ha. unfold cosh, sinh.
  interval with (i_bisect a, i_taylor a, i_degree 8, i_prec 80).
Qed.

(** drift-limit, the upper bound, on s ∈ (0, 25]: the prover's domain [2^−6, 25] and, below it,
    the domain the Rust finding names (every A ∈ (0, 5], n ≥ 1). *)
Theorem drift_upper : forall s : R, 0 < s <= 25 -> (1 - s / 28) * P2 s < 1 / 15.
Proof.
  intros s Hs. unfold P2, m.
  set (a := sqrt s). assert (Ha : 0 < a) by (apply sqrt_lt_R0; lra).
  assert (E : s = a ^ 2) by (unfold a; simpl; rewrite Rmult_1_r, sqrt_sqrt; lra).
  assert (a <= 5).
  { replace 5 with (sqrt 25). apply sqrt_le_1_alt. lra.
    rewrite <- (sqrt_square 5) by lra. f_equal. ring. }
  rewrite E. replace ((a ^ 2) ^ 2) with (a ^ 4) by ring.
  destruct (Rle_lt_dec a (1 / 8)).
  - apply drift_upper_small_a. split; lra.
  - apply drift_upper_a. lra.
Qed.

(** The same in the paper's quantities: κ_n = n·m(A/√n), and κ_n − 2A²/3 > A⁴/(15n) for every
    A > 0 and n > 0. *)
Theorem drift_limit_lower_kappa : forall A n : R, 0 < A -> 0 < n ->
  A ^ 4 / (15 * n) < n * m (A / sqrt n) - 2 / 3 * A ^ 2.
Proof.
  intros A n HA Hn.
  set (s := A ^ 2 / n). assert (Hs : 0 < s) by (unfold s; apply Rdiv_lt_0_compat; [apply pow_lt|]; lra).
  assert (Hsq : A / sqrt n = sqrt s).
  { unfold s. rewrite sqrt_div_alt by lra. f_equal. rewrite sqrt_pow2; lra. }
  pose proof (drift_lower s Hs) as H. unfold P2 in H. rewrite <- Hsq in H.
  assert (Hn2 : 0 < sqrt n) by (apply sqrt_lt_R0; lra).
  assert (0 < s ^ 2) by (apply pow_lt; lra).
  apply Rmult_lt_compat_r with (r := s ^ 2) in H; auto.
  unfold Rdiv at 2 in H. rewrite Rmult_assoc, Rinv_l, Rmult_1_r in H by lra.
  apply (Rmult_lt_reg_r (/ n)). apply Rinv_0_lt_compat; lra.
  replace ((n * m (A / sqrt n) - 2 / 3 * A ^ 2) * / n) with (m (A / sqrt n) - 2 * s / 3)
    by (unfold s; field; lra).
  replace (A ^ 4 / (15 * n) * / n) with (1 / 15 * s ^ 2) by (unfold s; field; lra).
  exact H.
Qed.

(** §A of claims.md: the normalizer C(a) and its expansions (claims c-closed-form, c-taylor,
    m-series). The Rust prover bounds C(a)/a³ and the Taylor remainder on finite boxes; here the
    bounds hold on the whole of (0, a_max], by the mean value theorem near 0 and by Interval's
    verified tactic where an inequality is not a chain of monotone differences. *)
From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
From Interval Require Import Tactic.
From Formal Require Import Defs.
Open Scope R_scope.

(** c-closed-form: 2a(e^{2a}+1) + 2 − 2e^{2a} = 4e^a(a cosh a − sinh a) for every real a. *)
Theorem c_closed_form_hyperbolic : forall a : R, C a = 4 * exp a * (a * cosh a - sinh a).
Proof. exact C_hyperbolic. Qed.

(** c-closed-form: the defining integral equals the closed form, for every real a: the
    antiderivative F(x) = e^{2a}x + e^a e^{−x} − e^a e^x + x and the fundamental theorem. *)
Theorem c_closed_form_integral :
  forall a : R, RInt (fun x => (exp a - exp x) * (exp a - exp (- x))) (- a) a = C a.
Proof.
  intros a.
  set (F := fun x => exp (2 * a) * x + exp a * exp (- x) - exp a * exp x + x).
  rewrite (is_RInt_unique _ _ _ (minus (F a) (F (- a)))).
  - unfold F, C, minus, plus, opp. simpl. rewrite Ropp_involutive.
    replace (2 * a) with (a + a) by ring. rewrite !exp_plus, !exp_Ropp.
    pose proof (exp_pos a). field. lra.
  - apply (is_RInt_derive F).
    + intros x _. unfold F. auto_derive; [easy | ].
      replace (2 * a) with (a + a) by ring. rewrite !exp_plus, !exp_Ropp.
      pose proof (exp_pos a). pose proof (exp_pos x). field. lra.
    + intros x _. apply (@ex_derive_continuous R_AbsRing R_NormedModule). auto_derive. easy.
Qed.

(** C(a)/a³ > 1 for every a > 0 (the prover's c-positive on [2^−20, 8]):
    C(a) = 4e^a(a cosh a − sinh a) > 4e^a·a³/3 ≥ 4a³/3. *)
Theorem c_positive : forall a : R, 0 < a -> 1 < C a / a ^ 3.
Proof.
  intros a Ha. rewrite C_hyperbolic.
  pose proof (acosh_minus_sinh_gt a Ha). pose proof (exp_ineq1_le a).
  assert (0 < a ^ 3) by (apply pow_lt; lra).
  apply lt_div; auto. nra.
Qed.

(** The Taylor remainder of C(a)/(2a) over a³: R(a)/a³ with R(a) = C(a)/(2a) − 2a²/3. *)
Definition taylor_remainder_over_a3 (a : R) : R := (C a / (2 * a) - 2 / 3 * a ^ 2) / a ^ 3.

Lemma remainder_hyperbolic (a : R) : 0 < a ->
  C a / (2 * a) - 2 / 3 * a ^ 2 = 2 * exp a * (a * cosh a - sinh a) / a - 2 / 3 * a ^ 2.
Proof. intros Ha. rewrite C_hyperbolic. field. lra. Qed.

(** c-taylor, the lower bound, for every a > 0: e^a > 1 + a and a cosh a − sinh a > a³/3. *)
Theorem c_taylor_lower : forall a : R, 0 < a -> 2 / 3 < taylor_remainder_over_a3 a.
Proof.
  intros a Ha. unfold taylor_remainder_over_a3. rewrite remainder_hyperbolic by lra.
  pose proof (acosh_minus_sinh_gt a Ha). pose proof (exp_ineq1 a (Rgt_not_eq _ _ Ha)).
  assert (0 < a ^ 3) by (apply pow_lt; lra).
  apply lt_div; auto.
  apply (Rmult_lt_reg_r a); auto.
  replace ((2 * exp a * (a * cosh a - sinh a) / a - 2 / 3 * a ^ 2) * a)
    with (2 * exp a * (a * cosh a - sinh a) - 2 / 3 * a ^ 3) by (field; lra).
  nra.
Qed.

(** a cosh a − sinh a < (a³/3) cosh a for a > 0: the difference has derivative
    a(a cosh a − sinh a) + (a³/3) sinh a > 0. *)
Lemma acosh_minus_sinh_lt (a : R) : 0 < a -> a * cosh a - sinh a < a ^ 3 / 3 * cosh a.
Proof.
  intros Ha.
  enough (0 < a ^ 3 / 3 * cosh a - (a * cosh a - sinh a)) by lra.
  apply (pos_of_deriv_all (fun y => y ^ 3 / 3 * cosh y - (y * cosh y - sinh y))
                          (fun y => y * (y * cosh y - sinh y) + y ^ 3 / 3 * sinh y)); auto.
  - intros y _. unfold cosh, sinh. auto_derive; [easy | field].
  - intros y Hy. pose proof (acosh_minus_sinh_gt y Hy). pose proof (sinh_gt y Hy).
    assert (0 < y ^ 3) by (apply pow_lt; lra). nra.
  - simpl. rewrite cosh_0, sinh_0. field.
Qed.

(** e^{2a} < 1 + 4a on (0, 1/4]: the difference has derivative 4 − 2e^{2a} ≥ 4 − 2e^{1/2} > 0. *)
Lemma exp_2a_lt (a : R) : 0 < a <= 1 / 4 -> exp (2 * a) < 1 + 4 * a.
Proof.
  intros Ha.
  enough (0 < 1 + 4 * a - exp (2 * a)) by lra.
  apply (pos_of_deriv (fun y => 1 + 4 * y - exp (2 * y)) (fun y => 4 - 2 * exp (2 * y)) (1 / 4)); auto.
  - intros y _. auto_derive; [easy | ring].
  - intros y Hy. assert (exp (2 * y) <= exp (1 / 2)).
    { destruct (Rle_lt_or_eq_dec (2 * y) (1 / 2)) as [h | h]; [lra | | ].
      - apply Rlt_le, exp_increasing, h.
      - rewrite h. lra. }
    assert (exp (1 / 2) < 2) by interval. lra.
  - cbv beta. rewrite !Rmult_0_r, exp_0. ring.
Qed.

(** c-taylor, the upper bound near 0, by hand: R(a) ≤ (2a²/3)(e^a cosh a − 1) and
    e^a cosh a − 1 = (e^{2a} − 1)/2 < 2a. *)
Lemma c_taylor_upper_small (a : R) : 0 < a <= 1 / 4 -> taylor_remainder_over_a3 a < 4 / 3.
Proof.
  intros Ha. unfold taylor_remainder_over_a3. rewrite remainder_hyperbolic by lra.
  pose proof (acosh_minus_sinh_lt a (proj1 Ha)). pose proof (exp_2a_lt a Ha).
  pose proof (exp_pos a).
  assert (0 < a ^ 3) by (apply pow_lt; lra).
  assert (E : exp a * cosh a = (exp (2 * a) + 1) / 2).
  { unfold cosh. replace (2 * a) with (a + a) by ring. rewrite exp_plus, exp_Ropp. field. lra. }
  apply div_lt; auto.
  apply (Rmult_lt_reg_r a); [lra | ].
  replace ((2 * exp a * (a * cosh a - sinh a) / a - 2 / 3 * a ^ 2) * a)
    with (2 * exp a * (a * cosh a - sinh a) - 2 / 3 * a ^ 3) by (field; lra).
  assert (2 * exp a * (a * cosh a - sinh a) < 2 * exp a * (a ^ 3 / 3 * cosh a)) by nra.
  assert (2 * exp a * (a ^ 3 / 3 * cosh a) = a ^ 3 / 3 * (exp (2 * a) + 1)) by (replace (2 * exp a * (a ^ 3 / 3 * cosh a)) with (a ^ 3 / 3 * (2 * (exp a * cosh a))) by ring;
        rewrite E; field).
  nra.
Qed.

(** c-taylor, the upper bound on [1/4, 1023/1024], by Interval's tactic. *)
Lemma c_taylor_upper_large (a : R) : 1 / 4 <= a <= 1023 / 1024 -> taylor_remainder_over_a3 a < 4 / 3.
Proof.
  intros Ha. unfold taylor_remainder_over_a3, C.
  interval with (i_bisect a, i_taylor a, i_degree 10, i_prec 80).
Qed.

(** c-taylor, the upper bound, on the prover's domain and below it down to 0
    (the prover's c-taylor-remainder is [2^−20, 1 − 2^−10]; at a = 1 the bound is attained). *)
Theorem c_taylor_upper : forall a : R, 0 < a <= 1023 / 1024 -> taylor_remainder_over_a3 a < 4 / 3.
Proof.
  intros a Ha. destruct (Rle_lt_dec a (1 / 4)).
  - apply c_taylor_upper_small. lra.
  - apply c_taylor_upper_large. lra.
Qed.

(** At a = 1 the upper bound 4/3 is attained: C(1)/2 − 2/3 = 2 − 2/3. *)
Theorem c_taylor_at_one : taylor_remainder_over_a3 1 = 4 / 3.
Proof. unfold taylor_remainder_over_a3, C. field. Qed.

(** m-series: e^{−a} C(a)/(2a) = 2 cosh a − 2 sinh(a)/a for every a ≠ 0. *)
Theorem m_series_identity : forall a : R, a <> 0 -> exp (- a) * C a / (2 * a) = m a.
Proof.
  intros a Ha. rewrite C_hyperbolic. unfold m. rewrite exp_Ropp.
  pose proof (exp_pos a). field. lra.
Qed.

(** m(a) > 2a²/3 for every a > 0 (the first coefficient of the series, all others positive). *)
Theorem m_series_lower : forall a : R, 0 < a -> 2 / 3 * a ^ 2 < m a.
Proof.
  intros a Ha. unfold m. pose proof (acosh_minus_sinh_gt a Ha).
  apply (Rmult_lt_reg_r a); auto.
  replace ((2 * cosh a - 2 * sinh a / a) * a) with (2 * (a * cosh a - sinh a)) by (field; lra).
  nra.
Qed.

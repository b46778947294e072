(** §A of claims.md: the normalizer C(a) and its expansions (claims c-closed-form, c-taylor,
    m-series). The Rust prover bounds C(a)/a³ and the Taylor remainder on finite boxes; here the
    bounds hold on the whole of (0, a_max], by the mean value theorem near 0 and by Interval's
    verified tactic where an inequality is not a chain of monotone differences. *)
From Coq Require Import Reals Lra Lia.
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

(** R(a)/a³ = C(a)/(2a⁴) − 2/(3a) increases on (1/2, 2): its derivative
    C′(a)/(2a⁴) − 2C(a)/a⁵ + 2/(3a²), with C′(a) = 2 + 4a e^{2a} − 2e^{2a}, is positive there
    (Interval's tactic), so R(a)/a³ < R(1) = 4/3 for a ∈ (1/2, 1). *)
Definition taylor_remainder_derivative (a : R) : R :=
  (2 + 4 * a * exp (2 * a) - 2 * exp (2 * a)) / (2 * a ^ 4) - 2 * C a / a ^ 5 + 2 / (3 * a ^ 2).

Lemma taylor_remainder_increasing (x y : R) : 1 / 2 < x -> x < y -> y < 2 ->
  taylor_remainder_over_a3 x < taylor_remainder_over_a3 y.
Proof.
  intros Hx Hxy Hy.
  apply (incr_function taylor_remainder_over_a3 (Finite (1 / 2)) (Finite 2) taylor_remainder_derivative);
    simpl; auto.
  - intros z Hz1 Hz2. unfold taylor_remainder_over_a3, taylor_remainder_derivative, C.
    auto_derive.
    + assert (0 < z * z) by nra. repeat split; try easy; nra.
    + field. lra.
  - intros z Hz1 Hz2. unfold taylor_remainder_derivative, C.
    interval with (i_bisect z, i_prec 60).
Qed.

(** c-taylor, the upper bound, on (0, 1): by hand on (0, 1/4], by Interval's tactic on
    [1/4, 1023/1024], by monotonicity up to a = 1, where the bound is attained (the prover's
    c-taylor-remainder is [2^−20, 1 − 2^−10]; the Rust finding names (0, 1]). *)
Theorem c_taylor_upper : forall a : R, 0 < a < 1 -> taylor_remainder_over_a3 a < 4 / 3.
Proof.
  intros a Ha. destruct (Rle_lt_dec a (1 / 4)).
  - apply c_taylor_upper_small. lra.
  - destruct (Rle_lt_dec a (1023 / 1024)).
    + apply c_taylor_upper_large. lra.
    + replace (4 / 3) with (taylor_remainder_over_a3 1).
      * apply taylor_remainder_increasing; lra.
      * unfold taylor_remainder_over_a3, C. field.
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

(** m-series, the coefficients: m(a) = Σ_n (1 + (−1)ⁿ)·n/(n+1)! · aⁿ for every a ≠ 0, i.e. the
    coefficient of a^{2k} is 4k/(2k+1)! and the odd ones vanish. From the exponential series:
    m(a) = (e^a + e^{−a}) − (e^a − e^{−a})/a, and 1/n! − 1/(n+1)! = n/(n+1)!. *)
Lemma ser_ext (u v : nat -> R) (l : R) : (forall n, u n = v n) -> is_series u l -> is_series v l.
Proof. exact (is_series_ext (V := R_NormedModule) u v l). Qed.

Lemma ser_plus (u v : nat -> R) (lu lv : R) :
  is_series u lu -> is_series v lv -> is_series (fun n => u n + v n) (lu + lv).
Proof. exact (is_series_plus (V := R_NormedModule) u v lu lv). Qed.

Lemma ser_minus (u v : nat -> R) (lu lv : R) :
  is_series u lu -> is_series v lv -> is_series (fun n => u n - v n) (lu - lv).
Proof. exact (is_series_minus (V := R_NormedModule) u v lu lv). Qed.

Lemma ser_scal (c : R) (u : nat -> R) (l : R) : is_series u l -> is_series (fun n => c * u n) (c * l).
Proof. exact (is_series_scal (K := R_AbsRing) (V := R_NormedModule) c u l). Qed.

Lemma ser_shift (u : nat -> R) (l : R) : is_series u l -> is_series (fun n => u (S n)) (l - u O).
Proof.
  intros H. replace l with (l - u O + u O) in H by ring.
  exact (is_series_incr_1 (V := R_NormedModule) u (l - u O) H).
Qed.

Lemma exp_series (x : R) : is_series (fun n => x ^ n / INR (fact n)) (exp x).
Proof.
  apply ser_ext with (fun n => / INR (fact n) * x ^ n).
  - intros n. unfold Rdiv. ring.
  - exact (proj1 (is_pseries_R (fun n => / INR (fact n)) x (exp x)) (is_exp_Reals x)).
Qed.

Theorem m_series_coefficients : forall a : R, a <> 0 ->
  is_pseries (fun n => (1 + (-1) ^ n) * INR n / INR (fact (S n))) a (m a).
Proof.
  intros a Ha. apply is_pseries_R.
  set (T := fun n => a ^ n / INR (fact n)).
  set (U := fun n => (-1) ^ n * a ^ n / INR (fact n)).
  assert (E1 : is_series T (exp a)) by apply exp_series.
  assert (E2 : is_series U (exp (- a))).
  { apply ser_ext with (fun n => (- a) ^ n / INR (fact n)); [ | apply exp_series].
    intros n. unfold U. replace (- a) with (-1 * a) by ring. rewrite Rpow_mult_distr. reflexivity. }
  pose proof (ser_plus T U _ _ E1 E2) as S.
  pose proof (ser_scal (/ a) _ _ (ser_shift _ _ (ser_minus T U _ _ E1 E2))) as D.
  pose proof (ser_minus _ _ _ _ S D) as M.
  assert (V : m a = exp a + exp (- a) - / a * (exp a - exp (- a) - (T O - U O))).
  { unfold m, cosh, sinh, T, U. simpl. field; repeat split; auto; apply not_0_INR; lia. }
  rewrite V. apply ser_ext with (2 := M).
  - intros n. cbv beta. unfold T, U. simpl pow.
    rewrite fact_simpl, mult_INR, S_INR.
    pose proof (INR_fact_neq_0 n). pose proof (pos_INR n).
    field. repeat split; try lra; exact Ha.
Qed.

(** §B of claims.md: the density f_a (density-fa), E φ(U) = 0 (phi-mean-zero) and the
    integration-by-parts identity (ibp-identity), each for every a > 0; the identity for every
    continuously differentiable h. *)
From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
From Formal Require Import Defs Normalizer.
Open Scope R_scope.

(** Γ(u) = ∫_{−a}^{u} φ = 2cosh a − 2cosh u: vanishes at ±a, and Γ' = φ. *)
Definition Gamma (a u : R) : R := exp a + exp (- a) - exp u - exp (- u).

(** (e^a − e^x)(e^a − e^{−x}) = e^a Γ(x), for every a and x. *)
Lemma integrand_gamma (a x : R) : (exp a - exp x) * (exp a - exp (- x)) = exp a * Gamma a x.
Proof.
  unfold Gamma. rewrite !exp_Ropp. pose proof (exp_pos a). pose proof (exp_pos x). field. lra.
Qed.

(** C(a) = 2a·e^a·m(a) for a ≠ 0. *)
Lemma C_m (a : R) : a <> 0 -> C a = 2 * a * exp a * m a.
Proof.
  intros Ha. pose proof (m_series_identity a Ha) as E. rewrite <- E. rewrite exp_Ropp.
  pose proof (exp_pos a). field. lra.
Qed.

(** ((cosh y − 1)/y²)' = (y sinh y − 2cosh y + 2)/y³ > 0 on y > 0, so (cosh y − 1)/y² increases. *)
Lemma cosh_secant_increasing (x y : R) : 0 < x -> x < y -> (cosh x - 1) / x ^ 2 < (cosh y - 1) / y ^ 2.
Proof.
  intros Hx Hxy.
  assert (K : forall z, 0 < z -> 0 < z * sinh z - 2 * cosh z + 2).
  { apply (pos_of_deriv_all (fun z => z * sinh z - 2 * cosh z + 2) (fun z => z * cosh z - sinh z)).
    - intros z _. unfold cosh, sinh. auto_derive; [easy | field].
    - intros z Hz. pose proof (acosh_minus_sinh_gt z Hz). assert (0 < z ^ 3) by (apply pow_lt; lra).
      lra.
    - rewrite cosh_0, sinh_0. ring. }
  apply (incr_function (fun z => (cosh z - 1) / z ^ 2)
                       (Finite 0) p_infty (fun z => (z * sinh z - 2 * cosh z + 2) / z ^ 3));
    simpl; auto; try lra.
  - intros z Hz _. unfold cosh, sinh. auto_derive; [nra | field; lra].
  - intros z Hz _. apply Rdiv_lt_0_compat; auto. assert (0 < z * z) by nra. nra.
Qed.

(** a³(cosh a − cosh x) > (a cosh a − sinh a)(a² − x²) for |x| < a. *)
Lemma density_key (a x : R) : 0 < a -> - a < x < a ->
  (a * cosh a - sinh a) * (a ^ 2 - x ^ 2) < a ^ 3 * (cosh a - cosh x).
Proof.
  intros Ha Hx.
  assert (Hsec : x ^ 2 * (cosh a - 1) >= a ^ 2 * (cosh x - 1)).
  { destruct (Req_dec x 0) as [-> | Hx0].
    - rewrite cosh_0. pose proof (cosh_gt_1 a Ha). nra.
    - assert (Hax : 0 < Rabs x < a) by (split; [apply Rabs_pos_lt, Hx0 | apply Rabs_def1; lra]).
      pose proof (cosh_secant_increasing (Rabs x) a (proj1 Hax) (proj2 Hax)) as S.
      assert (Ec : cosh (Rabs x) = cosh x).
      { unfold Rabs. destruct (Rcase_abs x); auto. unfold cosh. rewrite Ropp_involutive. lra. }
      assert (Ex : Rabs x ^ 2 = x ^ 2) by (apply pow2_abs).
      rewrite Ec, Ex in S.
      assert (0 < x ^ 2) by (rewrite <- Ex; apply pow_lt, Hax).
      assert (0 < a ^ 2) by (apply pow_lt; lra).
      apply Rlt_le in S. apply Rle_ge.
      unfold Rdiv in S. apply (Rmult_le_compat_r (x ^ 2 * a ^ 2)) in S; [ | nra].
      replace ((cosh x - 1) * / x ^ 2 * (x ^ 2 * a ^ 2)) with (a ^ 2 * (cosh x - 1)) in S by (field; lra).
      replace ((cosh a - 1) * / a ^ 2 * (x ^ 2 * a ^ 2)) with (x ^ 2 * (cosh a - 1)) in S by (field; lra).
      exact S. }
  pose proof (sinh_gt a Ha).
  assert (0 < a ^ 2 - x ^ 2) by nra.
  (* (a cosh a − sinh a) < a(cosh a − 1) because sinh a > a *)
  assert ((a * cosh a - sinh a) * (a ^ 2 - x ^ 2) < a * (cosh a - 1) * (a ^ 2 - x ^ 2)) by nra.
  nra.
Qed.

(** density-fa, the prover's density-lower-bound, for every a > 0 and t ∈ (−1, 1):
    a³f_a(at)/(a²(1 − t²)) > 1/2, i.e. f_a(x) > (a² − x²)/(2a³) for |x| < a. *)
Theorem density_lower_bound : forall a t : R, 0 < a -> -1 < t < 1 ->
  1 / 2 < a ^ 3 * f a (a * t) / (a ^ 2 * (1 - t ^ 2)).
Proof.
  intros a t Ha Ht.
  set (x := a * t). assert (Hx : - a < x < a) by (unfold x; split; nra).
  assert (E : a ^ 2 * (1 - t ^ 2) = a ^ 2 - x ^ 2) by (unfold x; ring).
  rewrite E. unfold f. rewrite integrand_gamma, C_hyperbolic.
  pose proof (density_key a x Ha Hx). pose proof (acosh_minus_sinh_gt a Ha).
  pose proof (exp_pos a). assert (0 < a ^ 3) by (apply pow_lt; lra).
  assert (0 < a ^ 2 - x ^ 2) by nra.
  apply lt_div; auto.
  replace (a ^ 3 * (exp a * Gamma a x / (4 * exp a * (a * cosh a - sinh a))))
    with (a ^ 3 * (cosh a - cosh x) / (2 * (a * cosh a - sinh a))).
  2: { assert (G : Gamma a x = 2 * (cosh a - cosh x)) by (unfold Gamma, cosh; field).
       rewrite G. field. split; lra. }
  apply lt_div. nra. nra.
Qed.

(** density-fa: f_a ≥ 0 on [−a, a] for every a > 0 (zero at ±a). *)
Theorem density_nonneg : forall a x : R, 0 < a -> - a <= x <= a -> 0 <= f a x.
Proof.
  intros a x Ha Hx. unfold f. apply Rmult_le_pos.
  - assert (exp x <= exp a) by (destruct (Rle_lt_or_eq_dec x a) as [h | ->]; [lra | apply Rlt_le, exp_increasing, h | lra]).
    assert (exp (- x) <= exp a) by (destruct (Rle_lt_or_eq_dec (- x) a) as [h | ->]; [lra | apply Rlt_le, exp_increasing, h | lra]).
    nra.
  - apply Rlt_le, Rinv_0_lt_compat. pose proof (c_positive a Ha).
    assert (0 < a ^ 3) by (apply pow_lt; lra).
    assert (C a / a ^ 3 * a ^ 3 = C a) by (field; lra). nra.
Qed.

(** density-fa: ∫_{−a}^{a} f_a = 1 for every a > 0. *)
Theorem density_normalised : forall a : R, 0 < a -> RInt (f a) (- a) a = 1.
Proof.
  intros a Ha.
  assert (HC : 0 < C a).
  { pose proof (c_positive a Ha). assert (0 < a ^ 3) by (apply pow_lt; lra).
    assert (C a / a ^ 3 * a ^ 3 = C a) by (field; lra). nra. }
  rewrite (RInt_ext_R (f a) (fun x => / C a * ((exp a - exp x) * (exp a - exp (- x))))).
  - rewrite RInt_Rmult_l.
    + rewrite c_closed_form_integral. apply Rinv_l. lra.
    + apply ex_RInt_cont. intros z. apply continuous_R. auto_derive. easy.
  - intros x _. unfold f. field. lra.
Qed.

(** phi-mean-zero: ∫_{−a}^{a} φ = 0 for every real a (the antiderivative −e^{−u} − e^u is even). *)
Theorem phi_mean_zero : forall a : R, RInt phi (- a) a = 0.
Proof.
  intros a.
  rewrite (RInt_derive_R (fun u => - exp (- u) - exp u)).
  - req. rewrite Ropp_involutive. ring.
  - intros x. unfold phi. auto_derive; [easy | ring].
  - intros x. apply continuous_R. unfold phi. auto_derive. easy.
Qed.

(** ibp-identity: E[h(U)φ(U)] = −m(a)·E[h′(V)], U ~ Unif[−a, a], V ~ f_a, for every a > 0 and
    every h with a continuous derivative h′: (hΓ)' = h′Γ + hφ and Γ(±a) = 0. *)
Theorem ibp_identity : forall (a : R) (h dh : R -> R), 0 < a ->
  (forall u, is_derive h u (dh u)) -> (forall u, continuous dh u) ->
  RInt (fun u => h u * phi u) (- a) a / (2 * a) = - m a * RInt (fun v => dh v * f a v) (- a) a.
Proof.
  intros a h dh Ha Dh Cdh.
  assert (Ch : forall u, continuous h u) by (intros u; apply continuous_R; exists (dh u); apply Dh).
  assert (CG : forall u, continuous (Gamma a) u) by (intros u; apply continuous_R; unfold Gamma; auto_derive; easy).
  assert (Cphi : forall u, continuous phi u) by (intros u; apply continuous_R; unfold phi; auto_derive; easy).
  assert (I1 : ex_RInt (fun u => dh u * Gamma a u) (- a) a)
    by (apply ex_RInt_cont; intros z; apply (continuous_mult dh (Gamma a)); auto).
  assert (I2 : ex_RInt (fun u => h u * phi u) (- a) a)
    by (apply ex_RInt_cont; intros z; apply (continuous_mult h phi); auto).
  (* ∫ (h′Γ + hφ) = [hΓ] = 0 *)
  assert (Z : RInt (fun u => dh u * Gamma a u + h u * phi u) (- a) a = 0).
  { rewrite (RInt_derive_R (fun u => h u * Gamma a u)).
    - req. unfold Gamma. rewrite Ropp_involutive. ring.
    - intros x.
      assert (DG : is_derive (Gamma a) x (phi x)) by (unfold Gamma, phi; auto_derive; [easy | ring]).
      exact (is_derive_mult h (Gamma a) x (dh x) (phi x) (Dh x) DG Rmult_comm).
    - intros x. apply (continuous_plus (fun u => dh u * Gamma a u) (fun u => h u * phi u)).
      apply (continuous_mult dh (Gamma a)); auto. apply (continuous_mult h phi); auto. }
  assert (S : RInt (fun u => h u * phi u) (- a) a = - RInt (fun u => dh u * Gamma a u) (- a) a).
  { pose proof (RInt_plus (fun u => dh u * Gamma a u) (fun u => h u * phi u) (- a) a I1 I2) as P.
    unfold plus in P. simpl in P. rewrite Z in P. lra. }
  assert (Ha0 : a <> 0) by lra.
  assert (Hm : 0 < m a) by (pose proof (m_series_lower a Ha); assert (0 < a ^ 2) by (apply pow_lt; lra); nra).
  rewrite (RInt_ext_R (fun v => dh v * f a v) (fun v => / (2 * a * m a) * (dh v * Gamma a v))).
  - rewrite RInt_Rmult_l by exact I1. rewrite S. req. field. lra.
  - intros x _. unfold f. rewrite integrand_gamma, C_m by exact Ha0.
    pose proof (exp_pos a). field. nra.
Qed.

(** §C of claims.md, gronwall: ε(t) ≤ γ + K∫_0^t ε on [0, T] ⇒ ε(t) ≤ γe^{Kt} on [0, T], as the
    proof uses it: ε_n jumps at the grid points ℓ/n (Z^n is a step function), so ε is only assumed
    Riemann integrable and bounded above — not continuous. The proof iterates the inequality:
    ε(t) ≤ γ Σ_{k<N} (Kt)^k/k! + M(Kt)^N/N! for every N, and (Kt)^N/N! → 0. *)
From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From Formal Require Import Defs.
Open Scope R_scope.

(** P_N(t) = Σ_{k<N} (Kt)^k/k!. *)
Fixpoint P (K t : R) (N : nat) : R :=
  match N with O => 0 | S N' => P K t N' + (K * t) ^ N' / INR (fact N') end.

(** The N-th iterate of the bound. *)
Definition B (gamma K M t : R) (N : nat) : R := gamma * P K t N + M * ((K * t) ^ N / INR (fact N)).

Lemma fact_neq_0 (k : nat) : INR (fact k) <> 0.
Proof. apply not_0_INR, fact_neq_0. Qed.

Lemma term_continuous (K : R) (k : nat) (s : R) : continuous (fun s => (K * s) ^ k / INR (fact k)) s.
Proof. apply continuous_R. auto_derive. easy. Qed.

Lemma P_continuous (K : R) (N : nat) (s : R) : continuous (fun s => P K s N) s.
Proof.
  induction N as [ | N IH]; simpl.
  - apply continuous_const.
  - apply (continuous_plus (fun s => P K s N) (fun s => (K * s) ^ N / INR (fact N))); auto.
    apply term_continuous.
Qed.

(** K∫_0^t (Ks)^k/k! ds = (Kt)^{k+1}/(k+1)!, through the antiderivative K^k s^{k+1}/(k+1)!. *)
Lemma term_integral (K t : R) (k : nat) :
  K * RInt (fun s => (K * s) ^ k / INR (fact k)) 0 t = (K * t) ^ S k / INR (fact (S k)).
Proof.
  rewrite (RInt_derive_R (fun s => K ^ k * s ^ S k / INR (fact (S k)))).
  - rewrite pow_ne_zero by lia.
    rewrite Rpow_mult_distr, fact_simpl, mult_INR, S_INR, <- !tech_pow_Rmult.
    pose proof (fact_neq_0 k). pose proof (pos_INR k). field. split; [auto | lra].
  - intros s. auto_derive; [easy | ].
    change (fact k + k * fact k)%nat with (fact (S k)).
    change (match k with 0%nat => 1 | S _ => INR k + 1 end) with (INR (S k)).
    rewrite Rpow_mult_distr, fact_simpl, mult_INR, S_INR.
    pose proof (fact_neq_0 k). pose proof (pos_INR k). field. split; [auto | lra].
  - intros s. apply term_continuous.
Qed.

(** K∫_0^t P_N = P_{N+1}(t) − 1. *)
Lemma P_integral (K t : R) (N : nat) : K * RInt (fun s => P K s N) 0 t = P K t (S N) - 1.
Proof.
  induction N as [ | N IH].
  - simpl. rewrite RInt_const. unfold scal; simpl; unfold mult; simpl. field.
  - change (fun s => P K s (S N)) with (fun s => P K s N + (K * s) ^ N / INR (fact N)).
    rewrite (RInt_plus (V := R_CompleteNormedModule)
               (fun s => P K s N) (fun s => (K * s) ^ N / INR (fact N))).
    + unfold plus; simpl. rewrite Rmult_plus_distr_l, IH, term_integral. simpl. ring.
    + apply ex_RInt_cont. apply P_continuous.
    + apply ex_RInt_cont. apply term_continuous.
Qed.

(** One iteration: γ + K∫_0^t B_N = B_{N+1}(t). *)
Lemma B_step (gamma K M t : R) (N : nat) :
  gamma + K * RInt (fun s => B gamma K M s N) 0 t = B gamma K M t (S N).
Proof.
  unfold B.
  rewrite (RInt_plus (V := R_CompleteNormedModule)
             (fun s => gamma * P K s N) (fun s => M * ((K * s) ^ N / INR (fact N)))).
  - unfold plus; simpl. rewrite !RInt_Rmult_l.
    + rewrite Rmult_plus_distr_l.
      replace (K * (gamma * RInt (fun s => P K s N) 0 t)) with (gamma * (K * RInt (fun s => P K s N) 0 t)) by ring.
      replace (K * (M * RInt (fun s => (K * s) ^ N / INR (fact N)) 0 t))
        with (M * (K * RInt (fun s => (K * s) ^ N / INR (fact N)) 0 t)) by ring.
      rewrite P_integral, term_integral. simpl. ring.
    + apply ex_RInt_cont. apply term_continuous.
    + apply ex_RInt_cont. apply P_continuous.
  - apply ex_RInt_cont. intros s. apply (continuous_scal_r gamma (fun s => P K s N)). apply P_continuous.
  - apply ex_RInt_cont. intros s. apply (continuous_scal_r M (fun s => (K * s) ^ N / INR (fact N))).
    apply term_continuous.
Qed.

(** P_N(t) ≤ e^{Kt} for Kt ≥ 0: the partial sums of the exponential series. *)
Lemma P_le_exp (K t : R) (N : nat) : 0 <= K * t -> P K t N <= exp (K * t).
Proof.
  intros H. destruct N as [ | N]; simpl.
  - apply Rlt_le, exp_pos.
  - apply Rle_trans with (sum_f_R0 (fun k => (K * t) ^ k / INR (fact k)) N); [ | apply exp_ge_taylor, H].
    right. induction N as [ | N IH]; simpl; [ring | ]. rewrite <- IH. simpl. ring.
Qed.

(** Grönwall's inequality for a Riemann-integrable ε bounded above on [0, T] (step functions
    included), γ ≥ 0, K ≥ 0. *)
Theorem gronwall_inequality : forall (eps : R -> R) (gamma K T M : R),
  0 <= gamma -> 0 <= K ->
  ex_RInt eps 0 T ->
  (forall t, 0 <= t <= T -> eps t <= M) ->
  (forall t, 0 <= t <= T -> eps t <= gamma + K * RInt eps 0 t) ->
  forall t, 0 <= t <= T -> eps t <= gamma * exp (K * t).
Proof.
  intros eps gamma K T M Hg HK Hint HM Hhyp.
  (* ε ≤ B_N on [0, T] for every N *)
  assert (Iter : forall N t, 0 <= t <= T -> eps t <= B gamma K M t N).
  { induction N as [ | N IH]; intros t Ht.
    - unfold B. simpl. replace (gamma * 0 + M * (1 / 1)) with M by field. apply HM, Ht.
    - rewrite <- B_step. apply Rle_trans with (1 := Hhyp t Ht).
      apply Rplus_le_compat_l, Rmult_le_compat_l; auto.
      apply RInt_le; [lra | | | ].
      + apply (ex_RInt_Chasles_1 (V := R_CompleteNormedModule)) with T; [lra | exact Hint].
      + apply ex_RInt_cont. intros s. unfold B.
        apply (continuous_plus (fun s => gamma * P K s N) (fun s => M * ((K * s) ^ N / INR (fact N)))).
        * apply (continuous_scal_r gamma (fun s => P K s N)). apply P_continuous.
        * apply (continuous_scal_r M (fun s => (K * s) ^ N / INR (fact N))). apply term_continuous.
      + intros s Hs. apply IH. lra. }
  intros t Ht.
  assert (HKt : 0 <= K * t) by (apply Rmult_le_pos; lra).
  apply Rnot_lt_le. intros Hlt.
  set (delta := eps t - gamma * exp (K * t)).
  assert (Hdelta : 0 < delta) by (unfold delta; lra).
  destruct (cv_speed_pow_fact (K * t) (delta / (Rabs M + 1))) as [N HN].
  { apply Rdiv_lt_0_compat; [lra | ]. pose proof (Rabs_pos M). lra. }
  specialize (HN N (le_n N)). unfold R_dist in HN. rewrite Rminus_0_r in HN.
  pose proof (Iter N t Ht) as HB. unfold B in HB.
  pose proof (P_le_exp K t N HKt).
  assert (gamma * P K t N <= gamma * exp (K * t)) by (apply Rmult_le_compat_l; auto).
  assert (M * ((K * t) ^ N / INR (fact N)) <= Rabs M * Rabs ((K * t) ^ N / INR (fact N))).
  { rewrite <- Rabs_mult. apply Rle_abs. }
  assert (Rabs M * Rabs ((K * t) ^ N / INR (fact N)) <= Rabs M * (delta / (Rabs M + 1))).
  { apply Rmult_le_compat_l; [apply Rabs_pos | lra]. }
  assert (Rabs M * (delta / (Rabs M + 1)) < delta).
  { pose proof (Rabs_pos M).
    replace (Rabs M * (delta / (Rabs M + 1))) with (delta * (Rabs M / (Rabs M + 1))) by (field; lra).
    assert (Rabs M / (Rabs M + 1) < 1) by (apply div_lt; lra).
    nra. }
  unfold delta in *. lra.
Qed.

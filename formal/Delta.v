(** delta-order: the flow's lag δ^n_t = Z_{⌊tn⌋/n} − Z_t is at most K/n in each coordinate,
    where K bounds the coordinate's speed |Z′_ν| = (2/3)A²α|∂_νL(Z)| ≤ (2/3)A²α sup|∂_νL|
    (the mean value inequality; the Euclidean form projects Z_s − Z_t onto its own direction). *)
From Coq Require Import Reals Lra.
Open Scope R_scope.

(** The mean value inequality on [min(t, s), max(t, s)]. *)
Theorem mean_value_bound :
  forall (f f' : R -> R) (K t s : R),
  (forall c, Rmin t s <= c <= Rmax t s -> derivable_pt_lim f c (f' c)) ->
  (forall c, Rmin t s <= c <= Rmax t s -> Rabs (f' c) <= K) ->
  Rabs (f s - f t) <= K * Rabs (s - t).
Proof.
  intros f f' K t s Hd Hb.
  destruct (MVT_abs f f' t s Hd) as [c [Heq Hc]].
  rewrite Heq. apply Rmult_le_compat_r; [apply Rabs_pos | apply Hb; exact Hc].
Qed.

(** sup_t |δ^n_t| ≤ K/n for a coordinate of the flow with speed at most K. *)
Theorem delta_order :
  forall (f f' : R -> R) (K t : R) (n : nat),
  (0 < n)%nat -> 0 <= t ->
  (forall c, derivable_pt_lim f c (f' c)) ->
  (forall c, Rabs (f' c) <= K) ->
  Rabs (f (IZR (Int_part (t * INR n)) / INR n) - f t) <= K / INR n.
Proof.
  intros f f' K t n Hn Ht Hd Hb.
  assert (Hn' : 0 < INR n) by (apply lt_0_INR; exact Hn).
  assert (HK : 0 <= K) by (apply Rle_trans with (Rabs (f' 0)); [apply Rabs_pos | apply Hb]).
  destruct (base_Int_part (t * INR n)) as [H1 H2].
  set (k := IZR (Int_part (t * INR n))) in *.
  assert (Hlo : k / INR n <= t).
  { apply (Rmult_le_reg_r (INR n)); [exact Hn'|].
    unfold Rdiv; rewrite Rmult_assoc, Rinv_l, Rmult_1_r; lra. }
  assert (Hhi : t - k / INR n < 1 / INR n).
  { apply (Rmult_lt_reg_r (INR n)); [exact Hn'|].
    unfold Rdiv; rewrite Rmult_minus_distr_r, !Rmult_assoc, !Rinv_l, !Rmult_1_r by lra; lra. }
  apply Rle_trans with (K * Rabs (k / INR n - t)).
  - apply (mean_value_bound f f' K t (k / INR n)); intros c _; [apply Hd | apply Hb].
  - rewrite Rabs_left1 by lra.
    replace (K / INR n) with (K * (1 / INR n)) by (field; lra).
    apply Rmult_le_compat_l; lra.
Qed.

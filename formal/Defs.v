(** Definitions shared by the formal layer, as the paper writes them, and the calculus lemmas the
    proofs reuse: a function that vanishes at 0 and has a positive derivative on (0, b] is positive
    there (the mean value theorem), and the chain of hyperbolic inequalities it gives. *)
From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
Open Scope R_scope.

(** C(a) as printed: 2a(e^{2a}+1) + 2 − 2e^{2a}. *)
Definition C (a : R) : R := 2 * a * (exp (2 * a) + 1) + 2 - 2 * exp (2 * a).

(** The drift constant m(a) = 2 cosh a − 2 sinh(a)/a = e^{−a} C(a)/(2a). *)
Definition m (a : R) : R := 2 * cosh a - 2 * sinh a / a.

(** The update's factor φ(u) = e^{−u} − e^{u}. *)
Definition phi (u : R) : R := exp (- u) - exp u.

(** The density f_a(x) = C(a)^{−1}(e^a − e^x)(e^a − e^{−x}) on [−a, a]. *)
Definition f (a x : R) : R := (exp a - exp x) * (exp a - exp (- x)) / C a.

(** If g(0) = 0 and g' > 0 on (0, b], then g > 0 on (0, b]. *)
Lemma pos_of_deriv (g dg : R -> R) (b : R) :
  (forall x, 0 <= x <= b -> is_derive g x (dg x)) ->
  (forall x, 0 < x <= b -> 0 < dg x) -> g 0 = 0 ->
  forall x, 0 < x <= b -> 0 < g x.
Proof.
  intros D P Z x Hx.
  destruct (MVT_cor2 g dg 0 x (proj1 Hx)) as [c [E Hc]].
  - intros c Hc. apply is_derive_Reals. apply D. lra.
  - replace (g x) with (g x - g 0) by (rewrite Z; ring). rewrite E.
    apply Rmult_lt_0_compat. apply P; lra. lra.
Qed.

(** The same on (0, ∞). *)
Lemma pos_of_deriv_all (g dg : R -> R) :
  (forall x, 0 <= x -> is_derive g x (dg x)) ->
  (forall x, 0 < x -> 0 < dg x) -> g 0 = 0 ->
  forall x, 0 < x -> 0 < g x.
Proof.
  intros D P Z x Hx.
  apply (pos_of_deriv g dg x); try lra.
  - intros y Hy. apply D. lra.
  - intros y Hy. apply P. lra.
Qed.

Lemma cosh_0 : cosh 0 = 1.
Proof. unfold cosh. rewrite Ropp_0, exp_0. lra. Qed.

Lemma sinh_0 : sinh 0 = 0.
Proof. unfold sinh. rewrite Ropp_0. lra. Qed.

Lemma is_derive_cosh (x : R) : is_derive cosh x (sinh x).
Proof. unfold cosh, sinh. auto_derive; [easy | field]. Qed.

Lemma is_derive_sinh (x : R) : is_derive sinh x (cosh x).
Proof. unfold cosh, sinh. auto_derive; [easy | field]. Qed.

(** cosh x > 1 for x ≠ 0, from e^y ≥ 1 + y with strict inequality for y ≠ 0. *)
Lemma cosh_gt_1 (x : R) : 0 < x -> 1 < cosh x.
Proof.
  intros Hx. unfold cosh.
  pose proof (exp_ineq1 x (Rgt_not_eq _ _ Hx)). pose proof (exp_ineq1_le (- x)). lra.
Qed.

(** sinh x > x for x > 0: (sinh x − x)' = cosh x − 1 > 0. *)
Lemma sinh_gt (x : R) : 0 < x -> x < sinh x.
Proof.
  intros Hx.
  assert (H := pos_of_deriv_all (fun y => sinh y - y) (fun y => cosh y - 1)).
  enough (0 < sinh x - x) by lra. apply H; auto.
  - intros y _. cbv beta. unfold cosh, sinh. auto_derive; [easy | field].
  - intros y Hy. pose proof (cosh_gt_1 y Hy). lra.
  - simpl. rewrite sinh_0. ring.
Qed.

(** a cosh a − sinh a > a³/3 for a > 0: the derivative is a(sinh a − a) > 0. *)
Lemma acosh_minus_sinh_gt (a : R) : 0 < a -> a ^ 3 / 3 < a * cosh a - sinh a.
Proof.
  intros Ha.
  enough (0 < a * cosh a - sinh a - a ^ 3 / 3) by lra.
  apply (pos_of_deriv_all (fun y => y * cosh y - sinh y - y ^ 3 / 3)
                          (fun y => y * (sinh y - y))); auto.
  - intros y _. unfold cosh, sinh. auto_derive; [easy | field].
  - intros y Hy. apply Rmult_lt_0_compat; auto. pose proof (sinh_gt y Hy). lra.
  - simpl. rewrite cosh_0, sinh_0. field.
Qed.

(** C(a) = 4e^a(a cosh a − sinh a), for every real a. *)
Lemma C_hyperbolic (a : R) : C a = 4 * exp a * (a * cosh a - sinh a).
Proof.
  unfold C, cosh, sinh.
  replace (2 * a) with (a + a) by ring. rewrite exp_plus, exp_Ropp.
  pose proof (exp_pos a). field. lra.
Qed.

(** Division by a positive number, in the two directions the bounds need. *)
Lemma lt_div (x y c : R) : 0 < y -> c * y < x -> c < x / y.
Proof. intros Hy H. apply (Rmult_lt_reg_r y); auto. unfold Rdiv. rewrite Rmult_assoc, Rinv_l; lra. Qed.

Lemma div_lt (x y c : R) : 0 < y -> x < c * y -> x / y < c.
Proof. intros Hy H. apply (Rmult_lt_reg_r y); auto. unfold Rdiv. rewrite Rmult_assoc, Rinv_l; lra. Qed.

(** A constant factor comes out of an integral. *)
Lemma RInt_Rmult_l (g : R -> R) (a b k : R) :
  ex_RInt g a b -> RInt (fun x => k * g x) a b = k * RInt g a b.
Proof. intros H. exact (RInt_scal (V := R_CompleteNormedModule) g a b k H). Qed.

(** A function with a derivative is continuous; a continuous function is integrable. *)
Lemma continuous_R (g : R -> R) (x : R) : ex_derive g x -> continuous g x.
Proof. apply (@ex_derive_continuous R_AbsRing R_NormedModule). Qed.

Lemma ex_RInt_cont (g : R -> R) (a b : R) : (forall z, continuous g z) -> ex_RInt g a b.
Proof. intros H. apply (ex_RInt_continuous (V := R_CompleteNormedModule)). intros; apply H. Qed.

Lemma RInt_ext_R (g h : R -> R) (a b : R) :
  (forall x, Rmin a b < x < Rmax a b -> g x = h x) -> RInt g a b = RInt h a b.
Proof. exact (RInt_ext (V := R_CompleteNormedModule) g h a b). Qed.

(** The fundamental theorem: ∫_a^b F' = F(b) − F(a) for F with a continuous derivative. *)
Lemma RInt_derive_R (F dF : R -> R) (a b : R) :
  (forall x, is_derive F x (dF x)) -> (forall x, continuous dF x) -> RInt dF a b = F b - F a.
Proof.
  intros D C. apply is_RInt_unique.
  exact (is_RInt_derive (V := R_CompleteNormedModule) F dF a b (fun x _ => D x) (fun x _ => C x)).
Qed.

(** Coquelicot states integrals in its own hierarchy; this restates an equation at type R, so that
    ring and field see it. *)
Ltac req := match goal with |- @eq _ ?x ?y => change (@eq R x y) end.

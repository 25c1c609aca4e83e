// The virtual JPKI card (issue 3 §4): exports are added as the card is built.
export {};

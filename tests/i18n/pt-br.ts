// What a pt-PT text must not contain: forms of Brazilian Portuguese (and pre-1990-agreement
// spellings) a reader in Portugal would notice. Each is a whole-word pattern; the pt-PT form is in
// the comment. Used on lib/report's catalogues and on the UI's messages/pt-PT.json.
export const PT_BR: readonly RegExp[] = [
  /\bregistr(?:o|os|ar|ado|ada|ados|adas|ador|adora)\b/i, // registo, registar, entidade de registo
  /\btelas?\b/i, // ecrã
  /\barquivos?\b/i, // ficheiro
  /\busuári[oa]s?\b/i, // utilizador
  /\brecepç(?:ão|ões)\b/i, // receção
  /\bcontatos?\b/i, // contacto
  /\bfatos?\b/i, // facto
  /\bequipes?\b/i, // equipa
  /\bsenhas?\b/i, // palavra-passe
  /\bdeletad?[oa]?s?\b|\bdeletar\b/i, // eliminar
  /\bsalvar\b/i, // guardar
  /\bconex(?:ão|ões)\b/i, // ligação
  /\baplicativos?\b/i, // aplicação
  /\bhosped(?:ar|ado|ada|agem)\b/i, // alojar
  /\bcompartilh\w*/i, // partilhar
  /\bcaractere\b/i, // carácter (the pt-PT plural "caracteres" is fine)
  /\bacess(?:ar|ou|ando)\b/i, // aceder
  /\bdetect\w*/i, // detetar
  /\bseç(?:ão|ões)\b/i, // secção
  /\bgerenci\w*/i, // gerir
  /\bvocê\b/i, // the formal imperative needs no pronoun
  /\bbaixar\b/i, // transferir
  /\bcelular\b/i, // telemóvel
  /\bplanilhas?\b/i, // folha de cálculo
  /\b(?:está|estão|estar|estou) \w+ndo\b/i, // "está validando" (pt-PT: "está a validar")
  /\b(?:fica|ficam|ficar|continua|continuam|continuar|anda|andam) (?!quando\b)\w+ndo\b/i, // "continua validando" (pt-PT: "continua a validar")
  /\bcadastr\w*/i, // registo, registar
  /\bbanco de dados\b/i, // base de dados
  /\bchec(?:ar|ou|ado|ada|ando)\b/i, // verificar
  /\bcontêiner\w*/i, // contentor
  /\bmídias?\b/i, // suporte, multimédia
  /\b(?:eletrôn|anôn|autôn|econôm|polinôm|fenôm)\w*/i, // eletrónico, anónimo, autónomo, económico (acute accent in pt-PT)
  /\bgêneros?\b/i, // género
  /\bmouse\b/i, // rato
];

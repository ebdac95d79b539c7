package io.flinks4j.sandbox.data;

/** Word lists that make generated data look Canadian. */
final class Names {

  record City(String name, String province, String postalPrefix, String areaCode) {}

  static final String[] FIRST = {
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Charlotte",
    "William",
    "Amelia",
    "Benjamin",
    "Chloe",
    "Lucas",
    "Léa",
    "Gabriel",
    "Zoé",
    "Félix",
    "Maya",
    "Ethan",
    "Sofia",
    "Nathan",
    "Ava",
    "Samuel",
    "Priya",
    "Arjun",
    "Mei",
    "Wei",
    "Fatima",
    "Omar"
  };
  static final String[] LAST = {
    "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Smith",
        "Brown",
    "Wilson", "MacDonald", "Campbell", "Martin", "Thompson", "Anderson", "Patel", "Singh", "Nguyen",
        "Chen",
    "Wong", "Li", "Leblanc", "Fortin"
  };
  static final City[] CITIES = {
    new City("Toronto", "ON", "M5V", "416"),
    new City("Ottawa", "ON", "K1P", "613"),
    new City("Mississauga", "ON", "L5B", "905"),
    new City("Montreal", "QC", "H2X", "514"),
    new City("Quebec City", "QC", "G1R", "418"),
    new City("Vancouver", "BC", "V6B", "604"),
    new City("Calgary", "AB", "T2P", "403"),
    new City("Edmonton", "AB", "T5J", "780"),
    new City("Winnipeg", "MB", "R3C", "204"),
    new City("Halifax", "NS", "B3J", "902"),
    new City("Saskatoon", "SK", "S7K", "306"),
  };
  static final String[] STREETS = {
    "Rue Sainte-Catherine", "Yonge Street", "Rue Saint-Denis", "Bank Street", "Robson Street",
    "Portage Avenue", "Jasper Avenue", "King Street West", "Boulevard René-Lévesque",
        "Spring Garden Road",
    "Main Street", "Queen Street East"
  };
  static final String[] EMPLOYERS = {
    "MAPLE LEAF FOODS", "SHOPIFY INC", "HYDRO-QUEBEC", "CITY OF TORONTO", "BOMBARDIER INC",
    "LOBLAW COMPANIES", "CGI GROUP", "AIR CANADA", "TELUS COMMUNICATIONS", "ROYAL LEPAGE"
  };
  static final String[] LANDLORDS = {
    "GREENWIN PROPERTY MGMT",
    "CAPREIT LP",
    "MINTO APARTMENTS",
    "BOARDWALK RENTAL",
    "GESTION IMMOBILIERE LUC"
  };
  static final String[] PHONE_CARRIERS = {
    "BELL CANADA", "ROGERS WIRELESS", "TELUS MOBILITY", "VIDEOTRON", "FIDO"
  };
  static final String[] UTILITIES = {
    "HYDRO ONE", "HYDRO-QUEBEC", "ENBRIDGE GAS", "BC HYDRO", "ENMAX"
  };
  static final String[] MERCHANTS = {
    "METRO #482",
    "LOBLAWS #1021",
    "SOBEYS #775",
    "IGA #8231",
    "COSTCO WHOLESALE #541",
    "TIM HORTONS #2381",
    "STARBUCKS #4412",
    "PETRO-CANADA #113",
    "SHELL C01734",
    "ESSO 7721",
    "SHOPPERS DRUG MART #12",
    "JEAN COUTU #215",
    "DOLLARAMA #390",
    "CANADIAN TIRE #123",
    "SAQ #23044",
    "LCBO #217",
    "PRESTO FARE",
    "STM OPUS",
    "SUBWAY 31245",
    "A&W #1032"
  };
  static final String[] CARD_MERCHANTS = {
    "AMAZON.CA",
    "UBER* TRIP",
    "UBER* EATS",
    "SKIPTHEDISHES",
    "AIR CANADA",
    "BEST BUY #954",
    "WAL-MART #3091",
    "HOME DEPOT #7131",
    "IKEA MONTREAL",
    "APPLE.COM/BILL",
    "CINEPLEX #7211",
    "INDIGO BOOKS #19",
    "SPORT CHEK #321",
    "WINNERS #244",
    "PHARMAPRIX #101"
  };
  static final String[] ATM_LOCATIONS = {
    "BRANCH 00123", "BRANCH 04411", "THE EXCHANGE", "INTERAC ATM 7781"
  };

  private Names() {}
}

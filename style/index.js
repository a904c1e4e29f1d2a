import './base.css';
import './training.css';
import './experiments.css';
import './run-views.css';
